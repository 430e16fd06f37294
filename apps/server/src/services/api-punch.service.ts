import type { ApiPunchBody } from '@timecard/contract';
import { AppError } from '@timecard/domain';
import { withTenant } from '../db/database.ts';
import { type Actor, requireAdmin } from '../policies/actor.ts';
import { appendAudit } from '../repositories/audit.repository.ts';
import { findStaffByCode, listOfficeRoles } from '../repositories/staff.repository.ts';
import type { AuthContext } from './auth.service.ts';
import { type PunchResult, recordPunch } from './punch.service.ts';

/** How old a punch sent by a program may be (the terminals' offline limit). */
const MAX_AGE_MS = 7 * 24 * 3600 * 1000;
/** Clocks differ a little: a punch up to this far ahead of the server is taken as now. */
const FUTURE_SLACK_MS = 60_000;

/**
 * POST /api/v1/punches (issue 14): a program's punch for one person, through the same path as a
 * terminal's (state machine, 利用しない, closed periods hold it, group commit), exactly once per
 * Idempotency-Key. A key that already recorded a different punch (another person, type or time)
 * answers 409 `idempotency_key_reused` instead of the first punch's result.
 */
export async function punchByApi(
  ctx: AuthContext,
  actor: Actor,
  body: ApiPunchBody,
  idempotencyKey: string,
): Promise<PunchResult> {
  requireAdmin(actor);
  const now = ctx.now ? ctx.now() : new Date();
  if (body.at !== undefined) {
    const at = Date.parse(body.at);
    if (at > now.getTime() + FUTURE_SLACK_MS || at < now.getTime() - MAX_AGE_MS) {
      throw new AppError('punch_at_out_of_range', {}, { at: 'punch_at_out_of_range' });
    }
  }
  const { staffId, officeId } = await withTenant(ctx.db, actor.contractId, async (trx) => {
    const id =
      body.staffId ?? (await findStaffByCode(trx, actor.contractId, body.staffCode!))?.id ?? undefined;
    if (id === undefined) throw new AppError('staff_not_found');
    const first = (await listOfficeRoles(trx, actor.contractId, [id]))[0]?.officeId ?? null;
    return { staffId: id, officeId: body.officeId ?? first };
  });
  // A time in the past is the punch's age on the server's clock, like a queued offline punch.
  const past = body.at !== undefined && Date.parse(body.at) < now.getTime();
  const result = await recordPunch(ctx, actor.contractId, {
    staffId,
    type: body.type,
    source: 'api',
    officeId,
    terminalId: null,
    actorAccountId: actor.accountId || null,
    idempotencyKey,
    deviceTime: past ? body.at : undefined,
    sentAt: past ? now.toISOString() : undefined,
  });
  if (result.replayed) {
    const sameTime = past
      ? result.punch.deviceAt !== null && Date.parse(result.punch.deviceAt) === Date.parse(body.at!)
      : result.punch.deviceAt === null;
    if (result.punch.staffId !== staffId || result.punch.type !== body.type || !sameTime) {
      throw new AppError('idempotency_key_reused');
    }
    return result;
  }
  await withTenant(ctx.db, actor.contractId, (trx) =>
    appendAudit(trx, actor.contractId, {
      action: 'punch.api',
      actorAccountId: actor.accountId || null,
      actorStaffId: actor.staffId || null,
      target: `staff:${staffId}`,
      details: {
        punchId: result.punch.id,
        type: body.type,
        at: result.punch.punchedAt,
        held: result.held ?? false,
      },
    }),
  );
  return result;
}
