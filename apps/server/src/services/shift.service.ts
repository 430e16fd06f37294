import {
  AppError,
  type PlannedShift,
  payPeriodOf,
  planTotals,
  type ShiftCell,
  type ShiftPatternInput,
  type ShiftWishInput,
  scheduledMinutes,
  shiftDate,
  variableFrameMinutes,
  WEEKDAYS,
  type WorkRules,
  workDateOf,
} from '@timecard/domain';
import { type Tx, withTenant } from '../db/database.ts';
import { shiftPublishedMail } from '../mail/shift-mails.ts';
import { type Actor, hasRight } from '../policies/actor.ts';
import { appendAudit } from '../repositories/audit.repository.ts';
import { findContract } from '../repositories/contract.repository.ts';
import { markTotalsStale, queueContract } from '../repositories/labor-alert.repository.ts';
import { enqueueMail } from '../repositories/mail-outbox.repository.ts';
import { findOffice, listOffices } from '../repositories/office.repository.ts';
import {
  deleteWish,
  findShiftPattern,
  insertShiftPattern,
  insertWishPeriod,
  listShiftPatterns,
  listShifts,
  listWishes,
  listWishPeriods,
  publishShifts,
  type ShiftDraft,
  type ShiftRow,
  updateShiftPattern,
  upsertShiftDrafts,
  upsertWish,
} from '../repositories/shift.repository.ts';
import { findStaff, listOfficeRoles, listOfficeStaff } from '../repositories/staff.repository.ts';
import { listLocks } from '../repositories/timecard.repository.ts';
import type { AuthContext } from './auth.service.ts';
import { loadLaborContext, settingsFor } from './timecard.service.ts';

const MAX_DAYS = 62;

type Period = { from: string; to: string };

function nowOf(ctx: AuthContext): Date {
  return ctx.now ? ctx.now() : new Date();
}

function assertRange(period: Period) {
  if (period.to < period.from || shiftDate(period.from, MAX_DAYS - 1) < period.to) {
    throw new AppError('shift_range_too_long', {}, { to: 'shift_range_too_long' });
  }
}

function assertShiftRight(actor: Actor, officeId: number, level: 'view' | 'edit') {
  if (!hasRight(actor, 'shiftPlan', level, officeId)) {
    // An office you cannot see does not exist for you; one you see but cannot edit is forbidden.
    throw new AppError(
      level === 'view' || !hasRight(actor, 'shiftPlan', 'view', officeId) ? 'office_not_found' : 'forbidden',
    );
  }
}

async function officeOf(trx: Tx, contractId: string, officeId: number) {
  const office = await findOffice(trx, contractId, officeId);
  if (!office) throw new AppError('office_not_found');
  return office;
}

/** The given period, or the pay period (締め日) that contains today in the contract's zone. */
async function periodOrCurrent(ctx: AuthContext, trx: Tx, actor: Actor, query: Partial<Period>) {
  const context = await loadLaborContext(trx, actor.contractId);
  const settings = settingsFor(context, undefined, undefined, { from: '2000-01-01', to: '2000-01-01' });
  if (query.from && query.to) {
    assertRange({ from: query.from, to: query.to });
    return { period: { from: query.from, to: query.to }, context, settings };
  }
  const today = workDateOf(nowOf(ctx), context.timeZone, settings.dayBoundary);
  return { period: payPeriodOf(query.from ?? today, settings.monthStartDay), context, settings };
}

type Times = {
  off: boolean;
  patternId: number | null;
  start: string | null;
  end: string | null;
  breaks: [string, string][];
};

function timesOf(
  off: boolean | null,
  patternId: number | null,
  start: string | null,
  end: string | null,
  breaks: [string, string][] | null,
): Times & { minutes: number } {
  const b = breaks ?? [];
  return {
    off: off === true,
    patternId,
    start,
    end,
    breaks: b,
    minutes: off || !start || !end ? 0 : scheduledMinutes(start, end, b),
  };
}

/** A row as the API shows it: the draft, the published version and whether they differ. */
export function presentShift(row: ShiftRow) {
  const draft = row.deleted
    ? null
    : timesOf(row.isOff, row.patternId, row.startTime, row.endTime, row.breaks);
  const published =
    row.publishedAt === null || row.publishedDeleted
      ? null
      : timesOf(
          row.publishedIsOff,
          row.publishedPatternId,
          row.publishedStartTime,
          row.publishedEndTime,
          row.publishedBreaks,
        );
  const same =
    row.publishedAt !== null &&
    Boolean(row.publishedDeleted) === row.deleted &&
    (row.deleted ||
      (row.publishedIsOff === row.isOff &&
        row.publishedStartTime === row.startTime &&
        row.publishedEndTime === row.endTime &&
        JSON.stringify(row.publishedBreaks) === JSON.stringify(row.breaks)));
  return {
    staffId: row.staffId,
    date: row.workDate,
    officeId: row.officeId,
    draft,
    published,
    status:
      row.publishedAt === null ? ('draft' as const) : same ? ('published' as const) : ('changed' as const),
  };
}

function presentPattern(p: Awaited<ReturnType<typeof listShiftPatterns>>[number]) {
  return {
    id: p.id,
    officeId: p.officeId,
    name: p.name,
    color: p.color as '#0b7285',
    start: p.startTime,
    end: p.endTime,
    breaks: p.breaks,
    minutes: scheduledMinutes(p.startTime, p.endTime, p.breaks),
  };
}

function presentWishPeriod(p: Awaited<ReturnType<typeof listWishPeriods>>[number], now: Date) {
  return {
    id: p.id,
    officeId: p.officeId,
    from: p.periodFrom,
    to: p.periodTo,
    deadline: p.deadline.toISOString(),
    open: p.deadline.getTime() > now.getTime(),
  };
}

const presentWish = (w: Awaited<ReturnType<typeof listWishes>>[number]) => ({
  staffId: w.staffId,
  date: w.workDate,
  kind: w.kind,
  start: w.startTime,
  end: w.endTime,
  note: w.note,
});

// ───────────────────────────── patterns ─────────────────────────────

export async function listPatterns(ctx: AuthContext, actor: Actor, officeId: number) {
  assertShiftRight(actor, officeId, 'view');
  return withTenant(ctx.db, actor.contractId, async (trx) => {
    await officeOf(trx, actor.contractId, officeId);
    return { items: (await listShiftPatterns(trx, actor.contractId, [officeId])).map(presentPattern) };
  });
}

export async function createPattern(
  ctx: AuthContext,
  actor: Actor,
  officeId: number,
  input: ShiftPatternInput,
) {
  assertShiftRight(actor, officeId, 'edit');
  return withTenant(ctx.db, actor.contractId, async (trx) => {
    await officeOf(trx, actor.contractId, officeId);
    const { id } = await insertShiftPattern(trx, actor.contractId, officeId, {
      name: input.name,
      color: input.color,
      startTime: input.start,
      endTime: input.end,
      breaks: input.breaks,
    });
    await appendAudit(trx, actor.contractId, {
      action: 'shift_pattern.create',
      actorAccountId: actor.accountId,
      actorStaffId: actor.staffId,
      target: `shift_pattern:${id}`,
      details: { ...input },
    });
    return presentPattern((await findShiftPattern(trx, actor.contractId, id))!);
  });
}

async function patternForEdit(trx: Tx, actor: Actor, id: number) {
  const pattern = await findShiftPattern(trx, actor.contractId, id);
  if (!pattern || pattern.archived || !hasRight(actor, 'shiftPlan', 'view', pattern.officeId)) {
    throw new AppError('shift_pattern_not_found');
  }
  assertShiftRight(actor, pattern.officeId, 'edit');
  return pattern;
}

export async function updatePattern(ctx: AuthContext, actor: Actor, id: number, input: ShiftPatternInput) {
  return withTenant(ctx.db, actor.contractId, async (trx) => {
    const before = await patternForEdit(trx, actor, id);
    await updateShiftPattern(trx, actor.contractId, id, {
      name: input.name,
      color: input.color,
      startTime: input.start,
      endTime: input.end,
      breaks: input.breaks,
    });
    await appendAudit(trx, actor.contractId, {
      action: 'shift_pattern.update',
      actorAccountId: actor.accountId,
      actorStaffId: actor.staffId,
      target: `shift_pattern:${id}`,
      details: { before: presentPattern(before), after: { ...input } },
    });
    return presentPattern((await findShiftPattern(trx, actor.contractId, id))!);
  });
}

export async function deletePattern(ctx: AuthContext, actor: Actor, id: number) {
  await withTenant(ctx.db, actor.contractId, async (trx) => {
    await patternForEdit(trx, actor, id);
    // Retired, not deleted: planned cells keep their times and name their pattern in the history.
    await updateShiftPattern(trx, actor.contractId, id, { archived: true });
    await appendAudit(trx, actor.contractId, {
      action: 'shift_pattern.archive',
      actorAccountId: actor.accountId,
      actorStaffId: actor.staffId,
      target: `shift_pattern:${id}`,
    });
  });
}

// ───────────────────────────── the shift table ─────────────────────────────

/**
 * 月間シフト表 of an office: its staff as rows, the period's days as columns, each cell's draft and
 * published version, the wishes, and the totals against the 所定 and legal limits (a person
 * planned over 8 h a day or 40 h a week is marked; under the 変形労働時間制, over the frame).
 */
export async function shiftTable(ctx: AuthContext, actor: Actor, officeId: number, query: Partial<Period>) {
  assertShiftRight(actor, officeId, 'view');
  return withTenant(ctx.db, actor.contractId, async (trx) => {
    const office = await officeOf(trx, actor.contractId, officeId);
    const { period, context } = await periodOrCurrent(ctx, trx, actor, query);
    const settings = settingsFor(context, officeId, undefined, period);
    const staff = await listOfficeStaff(trx, actor.contractId, officeId);
    const staffIds = staff.map((s) => s.id);
    const rows = await listShifts(trx, actor.contractId, { staffIds, ...period });
    const cells = rows.filter((r) => r.officeId === officeId).map(presentShift);
    const variable = settings.variableWorkingHours?.kind === 'monthly';
    const frame = variable ? variableFrameMinutes(period, settings.weeklyLimitMinutes) : null;
    const planned: PlannedShift[] = cells.flatMap((c) =>
      c.draft
        ? [
            {
              staffId: c.staffId,
              date: c.date,
              off: c.draft.off,
              start: c.draft.start,
              end: c.draft.end,
              breaks: c.draft.breaks,
            },
          ]
        : [],
    );
    const totals = planTotals(planned, {
      weekStart: WEEKDAYS.indexOf(settings.weekStart),
      dailyLimitMinutes: settings.dailyLimitMinutes,
      weeklyLimitMinutes: settings.weeklyLimitMinutes,
      variable,
    });
    const now = nowOf(ctx);
    return {
      office: { id: office.id, name: office.name },
      period,
      canEdit: hasRight(actor, 'shiftPlan', 'edit', officeId),
      limits: {
        weekStart: WEEKDAYS.indexOf(settings.weekStart),
        dailyLimitMinutes: settings.dailyLimitMinutes,
        weeklyLimitMinutes: settings.weeklyLimitMinutes,
        variable,
        frameMinutes: frame,
      },
      patterns: (await listShiftPatterns(trx, actor.contractId, [officeId])).map(presentPattern),
      staff: staff.map((s) => ({ id: s.id, name: s.name, code: s.code, workStyle: s.workStyle })),
      cells,
      wishes: (await listWishes(trx, actor.contractId, staffIds, period.from, period.to)).map(presentWish),
      wishPeriods: (await listWishPeriods(trx, actor.contractId, [officeId], period.from, period.to)).map(
        (p) => presentWishPeriod(p, now),
      ),
      totals: {
        byStaff: staff.map((s) => {
          const t = totals.byStaff.get(s.id) ?? { days: 0, minutes: 0, overDay: [], overWeek: [] };
          return { staffId: s.id, ...t, overFrame: frame !== null && t.minutes > frame };
        }),
        byDate: [...totals.byDate.entries()]
          .map(([date, t]) => ({ date, ...t }))
          .sort((a, b) => a.date.localeCompare(b.date)),
      },
      unpublished: cells.filter((c) => c.status !== 'published').length,
    };
  });
}

async function assertOpenDates(trx: Tx, contractId: string, dates: string[]) {
  const locks = await listLocks(trx, contractId);
  for (const date of dates) {
    const lock = locks.find((l) => l.periodFrom <= date && date <= l.periodTo);
    // A shift is the schedule of its day: in a closed period it would change 欠勤 and 遅刻 after the fact.
    if (lock) throw new AppError('period_locked', { from: lock.periodFrom, to: lock.periodTo });
  }
}

/** Saves cells as drafts (a pattern, custom times, 休み, or clear); 【公開】 makes them count. */
export async function saveShiftCells(ctx: AuthContext, actor: Actor, officeId: number, cells: ShiftCell[]) {
  assertShiftRight(actor, officeId, 'edit');
  return withTenant(ctx.db, actor.contractId, async (trx) => {
    await officeOf(trx, actor.contractId, officeId);
    const members = new Set((await listOfficeStaff(trx, actor.contractId, officeId)).map((s) => s.id));
    const patterns = new Map(
      (await listShiftPatterns(trx, actor.contractId, [officeId])).map((p) => [p.id, p]),
    );
    await assertOpenDates(trx, actor.contractId, [...new Set(cells.map((c) => c.date))]);
    const drafts: ShiftDraft[] = cells.map((cell, i) => {
      if (!members.has(cell.staffId)) {
        throw new AppError(
          'shift_staff_not_in_office',
          {},
          { [`cells.${i}.staffId`]: 'shift_staff_not_in_office' },
        );
      }
      const base = {
        staffId: cell.staffId,
        workDate: cell.date,
        officeId,
        patternId: null,
        isOff: false,
        startTime: null,
        endTime: null,
        breaks: [] as [string, string][],
        deleted: false,
      };
      switch (cell.kind) {
        case 'pattern': {
          const pattern = patterns.get(cell.patternId);
          if (!pattern)
            throw new AppError(
              'shift_pattern_not_found',
              {},
              { [`cells.${i}.patternId`]: 'shift_pattern_not_found' },
            );
          return {
            ...base,
            patternId: pattern.id,
            startTime: pattern.startTime,
            endTime: pattern.endTime,
            breaks: pattern.breaks,
          };
        }
        case 'custom':
          return { ...base, startTime: cell.start, endTime: cell.end, breaks: cell.breaks };
        case 'off':
          return { ...base, isOff: true };
        default:
          return { ...base, deleted: true };
      }
    });
    // The same cell twice in one request: the last one wins, as typed.
    const unique = new Map(drafts.map((d) => [`${d.staffId}|${d.workDate}`, d]));
    await upsertShiftDrafts(trx, actor.contractId, [...unique.values()], actor.accountId);
    return { saved: unique.size };
  });
}

/** 【公開】: the period's drafts become the published shifts; each person with changes is mailed. */
export async function publishShiftTable(ctx: AuthContext, actor: Actor, officeId: number, period: Period) {
  assertShiftRight(actor, officeId, 'edit');
  assertRange(period);
  return withTenant(ctx.db, actor.contractId, async (trx) => {
    const office = await officeOf(trx, actor.contractId, officeId);
    const contract = await findContract(trx, actor.contractId);
    const changed = await publishShifts(trx, actor.contractId, officeId, period.from, period.to);
    const byStaff = new Map<number, { date: string; changed: boolean }[]>();
    for (const row of changed) {
      const list = byStaff.get(row.staffId) ?? [];
      list.push({ date: row.workDate, changed: row.wasPublished });
      byStaff.set(row.staffId, list);
    }
    let notified = 0;
    for (const [staffId, dates] of byStaff) {
      const person = await findStaff(trx, actor.contractId, staffId);
      if (!person?.email) continue;
      const rows = await listShifts(trx, actor.contractId, {
        staffIds: [staffId],
        from: period.from,
        to: period.to,
      });
      const mail = shiftPublishedMail({
        name: person.name,
        contractName: contract?.name ?? actor.contractId,
        officeName: office.name,
        period,
        shifts: rows.filter((r) => r.officeId === officeId).map(presentShift),
        changedDates: dates.filter((d) => d.changed).map((d) => d.date),
      });
      await enqueueMail(trx, { contractId: actor.contractId, to: person.email, ...mail });
      notified += 1;
    }
    // Published shifts are the schedule of シフト制 staff: their 労務アラート totals are recomputed (ADR 018).
    await markTotalsStale(trx, actor.contractId, [...new Set(changed.map((cell) => cell.staffId))]);
    await queueContract(trx, actor.contractId);
    await appendAudit(trx, actor.contractId, {
      action: 'shift.publish',
      actorAccountId: actor.accountId,
      actorStaffId: actor.staffId,
      target: `office:${officeId}`,
      details: { ...period, cells: changed.length, notified },
    });
    return { published: changed.length, notified };
  });
}

/** Copies a range's cells (the previous week or period) onto the range starting at `target`. */
export async function copyShifts(
  ctx: AuthContext,
  actor: Actor,
  officeId: number,
  input: { from: string; to: string; target: string },
) {
  assertShiftRight(actor, officeId, 'edit');
  assertRange(input);
  return withTenant(ctx.db, actor.contractId, async (trx) => {
    await officeOf(trx, actor.contractId, officeId);
    const offset = Math.round(
      (Date.parse(`${input.target}T00:00:00Z`) - Date.parse(`${input.from}T00:00:00Z`)) / 86_400_000,
    );
    const members = (await listOfficeStaff(trx, actor.contractId, officeId)).map((s) => s.id);
    const rows = await listShifts(trx, actor.contractId, {
      officeId,
      staffIds: members,
      from: input.from,
      to: input.to,
    });
    const drafts = rows
      .filter((r) => !r.deleted)
      .map((r) => ({
        staffId: r.staffId,
        workDate: shiftDate(r.workDate, offset),
        officeId,
        patternId: r.patternId,
        isOff: r.isOff,
        startTime: r.startTime,
        endTime: r.endTime,
        breaks: r.breaks,
        deleted: false,
      }));
    await assertOpenDates(trx, actor.contractId, [...new Set(drafts.map((d) => d.workDate))]);
    await upsertShiftDrafts(trx, actor.contractId, drafts, actor.accountId);
    return { copied: drafts.length };
  });
}

// ───────────────────────────── 希望シフト and own shifts ─────────────────────────────

export async function openWishPeriod(
  ctx: AuthContext,
  actor: Actor,
  officeId: number,
  input: { from: string; to: string; deadline: string },
) {
  assertShiftRight(actor, officeId, 'edit');
  assertRange(input);
  return withTenant(ctx.db, actor.contractId, async (trx) => {
    await officeOf(trx, actor.contractId, officeId);
    const { id } = await insertWishPeriod(trx, actor.contractId, {
      officeId,
      periodFrom: input.from,
      periodTo: input.to,
      deadline: new Date(input.deadline),
    });
    const [created] = (await listWishPeriods(trx, actor.contractId, [officeId], input.from, input.to)).filter(
      (p) => p.id === id,
    );
    return presentWishPeriod(created!, nowOf(ctx));
  });
}

async function ownOffices(trx: Tx, actor: Actor) {
  return (await listOfficeRoles(trx, actor.contractId, [actor.staffId])).map((r) => r.officeId);
}

export async function myWishes(ctx: AuthContext, actor: Actor, query: Partial<Period>) {
  return withTenant(ctx.db, actor.contractId, async (trx) => {
    const { period } = await periodOrCurrent(ctx, trx, actor, query);
    const now = nowOf(ctx);
    return {
      period,
      periods: (
        await listWishPeriods(trx, actor.contractId, await ownOffices(trx, actor), period.from, period.to)
      ).map((p) => presentWishPeriod(p, now)),
      wishes: (await listWishes(trx, actor.contractId, [actor.staffId], period.from, period.to)).map(
        presentWish,
      ),
    };
  });
}

/** A wish of one day, while a period of one of the person's offices covers it and is open. */
export async function saveMyWish(ctx: AuthContext, actor: Actor, input: ShiftWishInput) {
  return withTenant(ctx.db, actor.contractId, async (trx) => {
    const periods = await listWishPeriods(
      trx,
      actor.contractId,
      await ownOffices(trx, actor),
      input.date,
      input.date,
    );
    const now = nowOf(ctx);
    if (!periods.some((p) => p.deadline.getTime() > now.getTime())) {
      throw new AppError('shift_wish_closed', {}, { date: 'shift_wish_closed' });
    }
    if (input.kind === 'clear') await deleteWish(trx, actor.contractId, actor.staffId, input.date);
    else {
      await upsertWish(trx, actor.contractId, {
        staffId: actor.staffId,
        workDate: input.date,
        kind: input.kind,
        startTime: input.kind === 'available' ? input.start : null,
        endTime: input.kind === 'available' ? input.end : null,
        note: input.note,
      });
    }
    return { message: '希望シフトを保存しました。' };
  });
}

export async function myShifts(ctx: AuthContext, actor: Actor, query: Partial<Period>) {
  return withTenant(ctx.db, actor.contractId, async (trx) => {
    const { period } = await periodOrCurrent(ctx, trx, actor, query);
    const rows = await listShifts(trx, actor.contractId, { staffIds: [actor.staffId], ...period });
    const offices = new Map((await listOffices(trx, actor.contractId)).map((o) => [o.id, o.name]));
    const officeIds = [...new Set(rows.map((r) => r.officeId))];
    const patterns = new Map(
      (await listShiftPatterns(trx, actor.contractId, officeIds, true)).map((p) => [p.id, p.name]),
    );
    return {
      period,
      items: rows
        .filter((r) => r.publishedAt !== null && !r.publishedDeleted)
        .map((r) => {
          const times = timesOf(
            r.publishedIsOff,
            r.publishedPatternId,
            r.publishedStartTime,
            r.publishedEndTime,
            r.publishedBreaks,
          );
          return {
            date: r.workDate,
            officeId: r.officeId,
            officeName: offices.get(r.officeId) ?? '',
            off: times.off,
            start: times.start,
            end: times.end,
            breaks: times.breaks,
            patternName: r.publishedPatternId ? (patterns.get(r.publishedPatternId) ?? null) : null,
            minutes: times.minutes,
          };
        }),
    };
  });
}

// ───────────────────────────── the schedule of シフト制 staff ─────────────────────────────

/**
 * The schedules of シフト制 staff for the engine (product.md §6): each published shift is its date's
 * schedule, 休み or no shift is a day without one (所定休日); 法定休日 still follows the work rules.
 * Answers a 勤務ルール layer per person, to put over their rules.
 */
export async function shiftScheduleLayers(
  trx: Tx,
  contractId: string,
  staffIds: number[],
  window: Period,
): Promise<Map<number, WorkRules>> {
  const layers = new Map<number, WorkRules>();
  for (const id of staffIds) layers.set(id, { schedule: { default: null, byWeekday: {}, byDate: {} } });
  const rows = await listShifts(trx, contractId, { staffIds, ...window });
  for (const row of rows) {
    if (row.publishedAt === null || row.publishedDeleted) continue;
    const byDate = layers.get(row.staffId)!.schedule!.byDate;
    byDate[row.workDate] =
      row.publishedIsOff || !row.publishedStartTime || !row.publishedEndTime
        ? null
        : { start: row.publishedStartTime, end: row.publishedEndTime, breaks: row.publishedBreaks ?? [] };
  }
  return layers;
}

/** Today's published shifts of some people, for the terminal's list: `09:00〜18:00`, 休み. */
export async function todaysShifts(trx: Tx, contractId: string, staffIds: number[], date: string) {
  const rows = await listShifts(trx, contractId, { staffIds, from: date, to: date });
  const result = new Map<number, { off: boolean; start: string | null; end: string | null }>();
  for (const row of rows) {
    if (row.publishedAt === null || row.publishedDeleted) continue;
    result.set(row.staffId, {
      off: row.publishedIsOff === true,
      start: row.publishedStartTime,
      end: row.publishedEndTime,
    });
  }
  return result;
}
