import { AppError, wallMinuteOf } from '@timecard/domain';
import { withTenant } from '../db/database.ts';
import { type Actor, requireAdmin } from '../policies/actor.ts';
import { appendAudit } from '../repositories/audit.repository.ts';
import { findContract } from '../repositories/contract.repository.ts';
import {
  findOpenHeldPunch,
  listOpenHeldPunches,
  resolveHeldPunch,
} from '../repositories/held-punch.repository.ts';
import { insertPunch } from '../repositories/punch.repository.ts';
import { findLockCovering, listLocks } from '../repositories/timecard.repository.ts';
import type { AuthContext } from './auth.service.ts';
import { punchEventData } from './punch.service.ts';
import { emitEvent } from './webhook-events.ts';

/**
 * 締め済みの期間に届いた打刻: punches that arrived for a closed period (a terminal's late offline
 * punch), oldest first, with whether their period is still closed.
 */
export async function listHeldPunches(ctx: AuthContext, actor: Actor) {
  requireAdmin(actor);
  return withTenant(ctx.db, actor.contractId, async (trx) => {
    const contract = (await findContract(trx, actor.contractId))!;
    const locks = await listLocks(trx, actor.contractId);
    const rows = await listOpenHeldPunches(trx, actor.contractId);
    return {
      items: rows.map((row) => ({
        id: Number(row.id),
        staffId: row.staffId,
        staffName: row.staffName,
        staffCode: row.staffCode,
        type: row.type,
        at: wallMinuteOf(row.punchedAt, contract.timeZone),
        workDate: row.workDate,
        source: row.source,
        receivedAt: row.createdAt.toISOString(),
        periodClosed: locks.some(
          (lock) => String(lock.periodFrom) <= row.workDate && row.workDate <= String(lock.periodTo),
        ),
      })),
    };
  });
}

/**
 * Takes a held punch into the timecard — only once its period has been reopened (a closed period
 * takes no write); the punch keeps its time, source and key, and the 操作ログ records who took it.
 */
export async function acceptHeldPunch(ctx: AuthContext, actor: Actor, id: number) {
  requireAdmin(actor);
  return withTenant(ctx.db, actor.contractId, async (trx) => {
    const held = await findOpenHeldPunch(trx, actor.contractId, id);
    if (!held) throw new AppError('not_found');
    const lock = await findLockCovering(trx, actor.contractId, held.workDate);
    if (lock)
      throw new AppError('period_locked', { from: String(lock.periodFrom), to: String(lock.periodTo) });
    const punch = await insertPunch(trx, actor.contractId, {
      staffId: held.staffId,
      officeId: held.officeId,
      type: held.type,
      punchedAt: held.punchedAt,
      deviceAt: held.deviceAt,
      workDate: held.workDate,
      source: held.source,
      idempotencyKey: held.idempotencyKey,
      terminalId: held.terminalId,
      actorAccountId: held.actorAccountId,
      flags: { ...held.flags, heldId: Number(held.id) },
    });
    if (punch) {
      const contract = await findContract(trx, actor.contractId);
      await emitEvent(trx, actor.contractId, 'punch.created', {
        punch: punchEventData(punch, punch, contract!.timeZone),
      });
    }
    await resolveHeldPunch(trx, actor.contractId, id, 'accepted', actor.accountId);
    await appendAudit(trx, actor.contractId, {
      action: 'punch.held_accepted',
      actorAccountId: actor.accountId,
      actorStaffId: actor.staffId,
      target: punch ? `punch:${punch.id}` : `staff:${held.staffId}`,
      details: { type: held.type, at: held.punchedAt.toISOString() },
    });
    return { id: punch ? Number(punch.id) : null };
  });
}

/** Discards a held punch (it stays in the table, marked, for the record). */
export async function discardHeldPunch(ctx: AuthContext, actor: Actor, id: number) {
  requireAdmin(actor);
  await withTenant(ctx.db, actor.contractId, async (trx) => {
    const held = await findOpenHeldPunch(trx, actor.contractId, id);
    if (!held) throw new AppError('not_found');
    await resolveHeldPunch(trx, actor.contractId, id, 'discarded', actor.accountId);
    await appendAudit(trx, actor.contractId, {
      action: 'punch.held_discarded',
      actorAccountId: actor.accountId,
      actorStaffId: actor.staffId,
      target: `staff:${held.staffId}`,
      details: { type: held.type, at: held.punchedAt.toISOString() },
    });
  });
}
