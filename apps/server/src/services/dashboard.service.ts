import { AppError, QueryIdSchema } from '@timecard/domain';
import { z } from 'zod';
import { withTenant } from '../db/database.ts';
import { type Actor, officesWithRight } from '../policies/actor.ts';
import { findContract } from '../repositories/contract.repository.ts';
import { listOpenHeldPunches } from '../repositories/held-punch.repository.ts';
import { countPendingVerification, listStaffWithoutPasscode } from '../repositories/staff.repository.ts';
import { todayStatus } from './attendance.service.ts';
import type { AuthContext } from './auth.service.ts';
import { previewPeriodLock } from './timecard.service.ts';
import { parseOrThrow } from './validation.ts';

const PasscodeWarningsQuerySchema = z.object({ officeId: QueryIdSchema.optional() });

/** The 出退勤画面用PINコード every contract starts with (product.md §3). */
export const DEFAULT_CLOCK_PIN = '0000';

/** Offices whose people the actor looks after: 従業員管理 閲覧 or 事業所管理 編集 (administrators: all). */
function peopleScope(actor: Actor): number[] | 'all' {
  const staff = officesWithRight(actor, 'staffManage', 'view');
  const office = officesWithRight(actor, 'officeManage', 'edit');
  if (staff === 'all' || office === 'all') return 'all';
  return [...new Set([...staff, ...office])];
}

type PasscodeRow = Awaited<ReturnType<typeof listStaffWithoutPasscode>>[number];

function groupByOffice(rows: PasscodeRow[]) {
  const offices = new Map<
    number,
    { officeId: number; officeName: string; staff: { id: number; name: string }[] }
  >();
  for (const row of rows) {
    let office = offices.get(row.officeId);
    if (!office) {
      office = { officeId: row.officeId, officeName: row.officeName, staff: [] };
      offices.set(row.officeId, office);
    }
    office.staff.push({ id: row.staffId, name: row.staffName });
  }
  return [...offices.values()];
}

/**
 * 「パスコードが未設定のスタッフがいます」: per office that requires パスコード, its staff in use who have
 * none (their punches pass without one). `officeId` narrows to one office (the 事業所 page).
 */
export async function passcodeWarningsForActor(ctx: AuthContext, actor: Actor, query: unknown) {
  const { officeId } = parseOrThrow(PasscodeWarningsQuerySchema, query);
  const scope = peopleScope(actor);
  if (scope !== 'all' && scope.length === 0) throw new AppError('forbidden');
  if (officeId !== undefined && scope !== 'all' && !scope.includes(officeId)) throw new AppError('forbidden');
  const rows = await withTenant(ctx.db, actor.contractId, (trx) =>
    listStaffWithoutPasscode(trx, actor.contractId, officeId !== undefined ? [officeId] : scope),
  );
  return { offices: groupByOffice(rows) };
}

/**
 * The 管理画面's home (issue 11 §9): what an owner checks first. Today's attendance as counts per
 * state (each person once, even when in several offices), then what needs doing: people with an
 * earlier day left without 退勤, 未打刻 days of the pay period, the PIN still 0000, 認証待ち staff, and staff without the
 * パスコード their office requires. Each part is there only for those who may see it (else null).
 */
export async function dashboardForActor(ctx: AuthContext, actor: Actor) {
  const attendanceScope = officesWithRight(actor, 'attendance', 'view');
  let today = null;
  if (attendanceScope === 'all' || attendanceScope.length > 0) {
    const status = await todayStatus(ctx, actor);
    const people = new Map<number, (typeof status.offices)[number]['staff'][number]>();
    for (const office of status.offices) for (const person of office.staff) people.set(person.id, person);
    const counts = { off: 0, working: 0, on_break: 0, done: 0 };
    for (const person of people.values()) counts[person.state] += 1;
    today = {
      workDate: status.workDate,
      serverTime: status.serverTime,
      counts,
      missingClockOut: [...people.values()]
        .filter((p) => p.missingClockOut)
        .map((p) => ({ id: p.id, name: p.name, lastPunchAt: p.lastPunchAt })),
    };
  }
  let clockPinIsDefault: boolean | null = null;
  let incomplete = null;
  let heldPunches: number | null = null;
  if (actor.isAdmin) {
    const contract = await findContract(ctx.db, actor.contractId);
    clockPinIsDefault = contract?.clockPin === DEFAULT_CLOCK_PIN;
    // 締め済みの期間に届いた打刻, waiting for a decision (issue 11 §4).
    heldPunches = (
      await withTenant(ctx.db, actor.contractId, (trx) => listOpenHeldPunches(trx, actor.contractId))
    ).length;
    // 未打刻 days of the current pay period, as the 締め dialog will list them (days over only).
    const date = today?.workDate ?? (await todayStatus(ctx, actor)).workDate;
    const preview = await previewPeriodLock(ctx, actor, { date });
    incomplete = {
      period: preview.period,
      staff: preview.incomplete.map((row) => ({
        id: row.staffId,
        name: row.name,
        incompleteDays: row.incompleteDays,
      })),
    };
  }
  const scope = peopleScope(actor);
  const seesPeople = scope === 'all' || scope.length > 0;
  const people = seesPeople
    ? await withTenant(ctx.db, actor.contractId, async (trx) => ({
        pendingVerification: await countPendingVerification(trx, actor.contractId, scope),
        passcodeMissing: groupByOffice(await listStaffWithoutPasscode(trx, actor.contractId, scope)),
      }))
    : { pendingVerification: null, passcodeMissing: null };
  return { today, clockPinIsDefault, incomplete, heldPunches, ...people };
}
