import { AppError, isoInZone, shiftDate } from '@timecard/domain';
import { withTenant } from '../db/database.ts';
import { type Actor, officesWithRight } from '../policies/actor.ts';
import { findContract } from '../repositories/contract.repository.ts';
import { listEffectivePunchPage } from '../repositories/punch.repository.ts';
import type { AuthContext } from './auth.service.ts';

/** At most this many work dates per request (a quarter and a day). */
const MAX_DAYS = 93;

/**
 * The public punch list (issue 14): the effective punches of a period, oldest id first, paged by
 * `cursor` (the last id seen). Administrators and API tokens with `punches:read`.
 */
export async function listPunchesForActor(
  ctx: AuthContext,
  actor: Actor,
  query: {
    from: string;
    to: string;
    staffId?: number | undefined;
    cursor?: number | undefined;
    limit: number;
  },
) {
  if (officesWithRight(actor, 'attendance', 'view') !== 'all') throw new AppError('forbidden');
  if (query.to < query.from || shiftDate(query.from, MAX_DAYS - 1) < query.to) {
    throw new AppError('validation_failed', {}, { to: 'date_invalid' });
  }
  return withTenant(ctx.db, actor.contractId, async (trx) => {
    const contract = (await findContract(trx, actor.contractId))!;
    const rows = await listEffectivePunchPage(trx, actor.contractId, {
      from: query.from,
      to: query.to,
      staffId: query.staffId,
      afterId: query.cursor,
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    return {
      items: page.map((row) => ({
        id: Number(row.id),
        staffId: row.staffId,
        staffCode: row.staffCode,
        officeId: row.officeId,
        type: row.type,
        punchedAt: isoInZone(row.punchedAt, contract.timeZone),
        workDate: row.workDate,
        source: row.source,
        corrected: row.supersedesId !== null,
      })),
      nextCursor: rows.length > query.limit ? Number(page[page.length - 1]!.id) : null,
    };
  });
}
