import { randomUUID } from 'node:crypto';
import {
  AddPunchSchema,
  AppError,
  type ApprovedOvertime,
  type AttendanceEvent,
  type AttendanceTotals,
  aggregateForStaff,
  applyShiftRounding,
  ChangePunchSchema,
  checkDaySequence,
  cutUnapprovedOvertime,
  DateSchema,
  DayCorrectionSchema,
  DeletePunchSchema,
  dayStanding,
  type Employment,
  effectiveLaborSettings,
  explainForStaff,
  instantOfWall,
  isoInZone,
  LaborInputError,
  lastEndedWorkDate,
  MINUTE_TOTAL_FIELDS,
  matchDay,
  nationalHolidayName,
  type PaidLeaveRecord,
  PeriodLockPreviewSchema,
  PeriodLockSchema,
  type PunchType,
  payPeriodOf,
  payPeriodOfMonth,
  sequenceIssueCode,
  shiftDate,
  TimecardPeriodSchema,
  type UnapprovedOvertime,
  type WorkRules,
  wallMinuteOf,
  wallMinuteOfEpochMinute,
  workDateOf,
} from '@timecard/domain';
import { type Tx, withTenant } from '../db/database.ts';
import { type Actor, hasRight, requireAdmin } from '../policies/actor.ts';
import { appendAudit } from '../repositories/audit.repository.ts';
import { findContract } from '../repositories/contract.repository.ts';
import { insertPunch, lockPunchesOf } from '../repositories/punch.repository.ts';
import { punchIdsWithPhotos } from '../repositories/punch-photo.repository.ts';
import { listApprovedOvertime, readContractSettings } from '../repositories/request.repository.ts';
import { findStaff, listOfficeRoles } from '../repositories/staff.repository.ts';
import {
  deleteLock,
  findLockCovering,
  findPunchRow,
  insertLock,
  listLocks,
  listPunchRows,
  type PunchRow,
  type ReportPunches,
} from '../repositories/timecard.repository.ts';
import { readStaffWorkRules, readWorkRules } from '../repositories/work-rules.repository.ts';
import type { AuthContext } from './auth.service.ts';
import { leaveDaysOf, withLeave } from './leave-engine.ts';
import { punchEventData } from './punch.service.ts';
// The report service builds on this one; the cycle holds only functions called at run time.
import { attendanceSummary } from './report.service.ts';
import { shiftScheduleLayers } from './shift.service.ts';
import { parseOrThrow } from './validation.ts';
import { emitEvent } from './webhook-events.ts';

/** The minute figures of the engine (labor-rules.md §4) shown per day and summed per period. */
export const MINUTE_FIELDS = MINUTE_TOTAL_FIELDS;
export type MinuteField = (typeof MINUTE_FIELDS)[number];
export type Figures = Record<MinuteField, number> & { absenceDays: number; paidLeaveDays: number };

// ───────────────────────────── context ─────────────────────────────

/** What the engine needs for people of one contract: zone, rule layers and office of each. */
export async function loadLaborContext(trx: Tx, contractId: string) {
  const contract = await findContract(trx, contractId);
  if (!contract) throw new AppError('contract_not_found', { contractId });
  const rules = await readWorkRules(trx, contractId);
  return { timeZone: contract.timeZone, rules };
}
export type LaborContext = Awaited<ReturnType<typeof loadLaborContext>>;

export function settingsFor(
  context: LaborContext,
  officeId: number | undefined,
  staffRules: Record<string, unknown> | undefined,
  period: { from: string; to: string },
  shiftSchedule?: WorkRules,
) {
  const layers = [
    context.rules.contract,
    officeId !== undefined ? context.rules.offices.get(officeId) : undefined,
    staffRules,
    // シフト制: the published shifts are the schedule (product.md §6), over every rule layer.
    shiftSchedule,
  ] as (WorkRules | undefined)[];
  return effectiveLaborSettings(layers, context.timeZone, period);
}

/** The effective punches (latest version of each, deletions dropped) of a chain-ordered row list. */
type VersionedPunch = Pick<PunchRow, 'id' | 'supersedesId' | 'deleted' | 'type' | 'punchedAt'>;

export function effectivePunches<R extends VersionedPunch>(rows: R[]): R[] {
  const replaced = new Set(rows.map((r) => r.supersedesId).filter((id): id is number => id !== null));
  return rows.filter((r) => !replaced.has(r.id) && !r.deleted);
}

export function toEvents(rows: VersionedPunch[], timeZone: string): AttendanceEvent[] {
  return effectivePunches(rows).map((r) => ({ type: r.type, at: wallMinuteOf(r.punchedAt, timeZone) }));
}

/**
 * The events the engine counts for a person: the effective punches, with シフト丸め applied for
 * シフト制 staff on days of a published shift. `counted` names each punch the rounding moved (by
 * id), so that the timecard shows it beside the punch as punched.
 *
 * 残業は承認制 (issue 18, ADR 025): with `approvedOvertime` (the person's approved 残業申請, given
 * when the contract's `overtimeNeedsApproval` is on), work past the day's scheduled end or approved
 * planned end is cut from what is counted and answered as `unapproved` (未承認残業). The timecard,
 * 集計・出力 and its CSV all count through here, so they show the same figures.
 */
export function countedEvents(
  rows: (VersionedPunch & Pick<PunchRow, 'source'>)[],
  timeZone: string,
  settings: ReturnType<typeof settingsFor>,
  shiftSchedule: WorkRules | undefined,
  approvedOvertime?: readonly ApprovedOvertime[] | null,
): { events: AttendanceEvent[]; counted: Map<number, string>; unapproved: UnapprovedOvertime[] } {
  const punches = effectivePunches(rows);
  const raw = punches.map((r) => ({
    type: r.type,
    at: wallMinuteOf(r.punchedAt, timeZone),
    source: r.source,
  }));
  const counted = new Map<number, string>();
  const events = roundedEvents(raw, settings, shiftSchedule, (i, at) => counted.set(punches[i]!.id, at));
  return { counted, ...withoutUnapproved(events, settings, approvedOvertime) };
}

/**
 * countedEvents of the effective punches a report reads (listReportPunches: already resolved, in
 * epoch minutes): the same events, without the rows' objects and dates (issue 21).
 */
export function countedReportEvents(
  punches: ReportPunches | undefined,
  timeZone: string,
  settings: ReturnType<typeof settingsFor>,
  shiftSchedule: WorkRules | undefined,
  approvedOvertime?: readonly ApprovedOvertime[] | null,
): { events: AttendanceEvent[]; unapproved: UnapprovedOvertime[] } {
  const count = punches?.minutes.length ?? 0;
  const events: AttendanceEvent[] = new Array(count);
  for (let i = 0; i < count; i++) {
    events[i] = { type: punches!.types[i]!, at: wallMinuteOfEpochMinute(punches!.minutes[i]!, timeZone) };
  }
  const rounded =
    count > 0 && rounds(settings, shiftSchedule)
      ? roundedEvents(
          events.map((e, i) => ({ ...e, source: punches!.sources[i]! })),
          settings,
          shiftSchedule,
        )
      : events;
  return withoutUnapproved(rounded, settings, approvedOvertime);
}

function withoutUnapproved(
  events: AttendanceEvent[],
  settings: ReturnType<typeof settingsFor>,
  approvedOvertime: readonly ApprovedOvertime[] | null | undefined,
): { events: AttendanceEvent[]; unapproved: UnapprovedOvertime[] } {
  if (!approvedOvertime) return { events, unapproved: [] };
  const { dayBoundary: _boundary, shiftRounding: _rounding, ...engineSettings } = settings;
  try {
    return cutUnapprovedOvertime(events, engineSettings, approvedOvertime);
  } catch (error) {
    throw engineError(error);
  }
}

function rounds(settings: ReturnType<typeof settingsFor>, shiftSchedule: WorkRules | undefined) {
  return Boolean(shiftSchedule?.schedule?.byDate) && settings.shiftRounding.mode !== 'none';
}

/** シフト丸め of the punches (type, wall minute, source); `moved` is told of each punch it moved. */
function roundedEvents(
  raw: (AttendanceEvent & { source: PunchRow['source'] })[],
  settings: ReturnType<typeof settingsFor>,
  shiftSchedule: WorkRules | undefined,
  moved?: (index: number, at: string) => void,
): AttendanceEvent[] {
  const byDate = shiftSchedule?.schedule?.byDate;
  if (!byDate || settings.shiftRounding.mode === 'none') {
    return raw.map(({ type, at }) => ({ type, at }));
  }
  const rounded = applyShiftRounding(raw, (date) => byDate[date] ?? null, settings.shiftRounding);
  if (moved) {
    rounded.forEach((event, i) => {
      if (event.at !== raw[i]!.at) moved(i, event.at);
    });
  }
  return rounded.map(({ type, at }) => ({ type, at }));
}

/**
 * 残業は承認制: null when the contract counts all overtime (the setting off), else each person's
 * approved 残業申請 of the window (an empty list: none approved, so nothing past the schedule counts).
 */
export async function overtimeApprovalsOf(
  trx: Tx,
  contractId: string,
  staffIds: number[],
  dates: { from: string; to: string },
): Promise<Map<number, ApprovedOvertime[]> | null> {
  const settings = await readContractSettings(trx, contractId);
  if (settings.overtimeNeedsApproval !== true) return null;
  const byStaff = new Map<number, ApprovedOvertime[]>(staffIds.map((id) => [id, []]));
  for (const row of await listApprovedOvertime(trx, contractId, staffIds, dates.from, dates.to)) {
    const body = row.body as { plannedEnd?: string; nextDay?: boolean };
    if (typeof body.plannedEnd !== 'string') continue;
    byStaff
      .get(row.staffId)
      ?.push({ date: row.date, plannedEnd: body.plannedEnd, nextDay: body.nextDay === true });
  }
  return byStaff;
}

/** The minutes of 未承認残業 of a range of work dates. */
export function unapprovedMinutes(unapproved: UnapprovedOvertime[], period: { from: string; to: string }) {
  return unapproved
    .filter((u) => u.date >= period.from && u.date <= period.to)
    .reduce((sum, u) => sum + u.minutes, 0);
}

/** The dates of a load window (its instants are UTC midnights of dates). */
export function windowDates(window: { from: Date; to: Date }) {
  return { from: window.from.toISOString().slice(0, 10), to: window.to.toISOString().slice(0, 10) };
}

/** The instant window to load for a period: a week before it (week context) and two days after. */
export function loadWindow(period: { from: string; to: string }): { from: Date; to: Date } {
  return {
    from: new Date(`${shiftDate(period.from, -8)}T00:00:00Z`),
    to: new Date(`${shiftDate(period.to, 3)}T00:00:00Z`),
  };
}

/** What decides which days are judged (labor-rules.md §4 Clarifications): employment and today. */
export interface Judgement {
  employment: Employment;
  /** The last work date that is over (see lastEndedWorkDate). */
  lastEnded: string;
}

/**
 * The judgement of one person at the context's clock. Without a 入社日, no 欠勤 is owed before the
 * person was registered or their earliest punch loaded, whichever is first (imported history).
 */
export function judgementFor(
  ctx: { now?: () => Date },
  staff: Employment & { createdAt: Date },
  events: AttendanceEvent[],
  timeZone: string,
  dayBoundary: string,
): Judgement {
  const now = ctx.now ? ctx.now() : new Date();
  return judgementOf(
    staff,
    events,
    workDateOf(staff.createdAt, timeZone, dayBoundary),
    lastEndedWorkDate(now, timeZone, dayBoundary),
  );
}

/**
 * judgementFor for many staff-months at one `now` (the 労務アラート recompute): the last ended date
 * once per 日付の変わり目 and each person's registration date once, not per staff-month.
 */
export function judgementsAt(now: Date, timeZone: string) {
  const lastEnded = new Map<string, string>();
  const registered = new Map<string, string>();
  /** `inOrder`: the events are in time order, so the first is the earliest (no scan). */
  return (
    staff: Employment & { createdAt: Date },
    events: AttendanceEvent[],
    dayBoundary: string,
    inOrder = false,
  ) => {
    let ended = lastEnded.get(dayBoundary);
    if (ended === undefined) {
      ended = lastEndedWorkDate(now, timeZone, dayBoundary);
      lastEnded.set(dayBoundary, ended);
    }
    const key = `${staff.createdAt.getTime()}|${dayBoundary}`;
    let since = registered.get(key);
    if (since === undefined) {
      since = workDateOf(staff.createdAt, timeZone, dayBoundary);
      registered.set(key, since);
    }
    return judgementOf(staff, inOrder ? events.slice(0, 1) : events, since, ended);
  };
}

function judgementOf(
  staff: Employment,
  events: AttendanceEvent[],
  registered: string,
  lastEnded: string,
): Judgement {
  let first: string | undefined;
  for (const e of events) if (!first || e.at < first) first = e.at;
  const firstPunch = first?.slice(0, 10);
  return {
    employment: {
      hiredOn: staff.hiredOn,
      retiredOn: staff.retiredOn,
      knownSince: firstPunch && firstPunch < registered ? firstPunch : registered,
    },
    lastEnded,
  };
}

type EffectiveSettings = ReturnType<typeof settingsFor>;
const engineSettingsCache = new WeakMap<
  EffectiveSettings,
  Omit<EffectiveSettings, 'dayBoundary' | 'shiftRounding'>
>();

/**
 * The engine's part of the settings (without 日付の変わり目 and シフト丸め), one object per settings
 * object: the engine compiles settings once per object (compileLaborSettings), so a report that
 * shares one settings object among the people of an office compiles it once, not per person and day.
 */
function engineSettingsOf(settings: EffectiveSettings) {
  let engineSettings = engineSettingsCache.get(settings);
  if (!engineSettings) {
    const { dayBoundary: _boundary, shiftRounding: _rounding, ...rest } = settings;
    engineSettings = rest;
    engineSettingsCache.set(settings, engineSettings);
  }
  return engineSettings;
}

/**
 * The engine over the days the product may judge: within the employment, 欠勤 and 未打刻 only on
 * days that are over. Invalid work rules become `work_rules_invalid` naming the field.
 */
export function runEngine(
  settings: ReturnType<typeof settingsFor>,
  period: { from: string; to: string },
  events: AttendanceEvent[],
  judgement: Judgement,
  leaves: PaidLeaveRecord[] = [],
) {
  const engineSettings = engineSettingsOf(settings);
  try {
    return aggregateForStaff({ settings: engineSettings, period, events, leaves, ...judgement });
  } catch (error) {
    throw engineError(error);
  }
}

/** Invalid work rules, found by the engine, as `work_rules_invalid` naming the field. */
function engineError(error: unknown) {
  if (error instanceof LaborInputError) {
    return new AppError(
      'work_rules_invalid',
      { field: error.field, detail: error.message },
      { [error.field]: 'work_rules_invalid' },
    );
  }
  return error;
}

/** Which step made the overtime, and the 変形期間's frame: shown beside the figures, never summed. */
export function explainEngine(
  settings: ReturnType<typeof settingsFor>,
  period: { from: string; to: string },
  events: AttendanceEvent[],
  judgement: Judgement,
  leaves: PaidLeaveRecord[] = [],
) {
  const engineSettings = engineSettingsOf(settings);
  return explainForStaff({ settings: engineSettings, period, events, leaves, ...judgement });
}

export function figuresOf(result: AttendanceTotals): Figures {
  const figures = { absenceDays: result.absenceDays, paidLeaveDays: result.paidLeaveDays } as Figures;
  for (const field of MINUTE_FIELDS) figures[field] = result[field];
  return figures;
}

/** 出勤日数: work dates in the period with a complete 勤務 (a clock-in, and not incomplete). */
export function attendedDays(
  events: AttendanceEvent[],
  result: AttendanceTotals,
  period: { from: string; to: string },
) {
  const incomplete = new Set(result.incomplete.map((i) => i.date));
  const dates = new Set(
    events
      .filter((e) => e.type === 'clock_in')
      .map((e) => e.at.slice(0, 10))
      .filter((d) => d >= period.from && d <= period.to && !incomplete.has(d)),
  );
  return dates.size;
}

// ───────────────────────────── the timecard ─────────────────────────────

async function assertCanSeeTimecard(trx: Tx, actor: Actor, staffId: number, level: 'view' | 'edit') {
  const staff = await findStaff(trx, actor.contractId, staffId);
  if (!staff) throw new AppError('staff_not_found');
  const offices = (await listOfficeRoles(trx, actor.contractId, [staffId])).map((r) => r.officeId);
  const own = actor.staffId === staffId && level === 'view';
  if (!own && !actor.isAdmin && !offices.some((id) => hasRight(actor, 'attendance', level, id))) {
    // Someone else's timecard outside your offices does not exist for you.
    if (level === 'view') throw new AppError('staff_not_found');
    throw new AppError('forbidden');
  }
  return { staff, officeId: offices[0] };
}

/**
 * タイムカード of one person for a pay period (?month=YYYY-MM, from the 締め日) or a range: a row
 * per day with its punches (and their 修正履歴) and the engine's figures, and the period totals.
 */
export async function getTimecard(ctx: AuthContext, actor: Actor, staffId: number, query: unknown) {
  const parsed = TimecardPeriodSchema.safeParse(query);
  if (!parsed.success) throw new AppError('validation_failed', {}, { period: 'date_invalid' });
  return withTenant(ctx.db, actor.contractId, async (trx) => {
    const { staff, officeId } = await assertCanSeeTimecard(trx, actor, staffId, 'view');
    const context = await loadLaborContext(trx, actor.contractId);
    const staffRules = await readStaffWorkRules(trx, actor.contractId, staffId);
    const probe = settingsFor(context, officeId, staffRules, { from: '2000-01-01', to: '2000-01-01' });
    const period =
      'month' in parsed.data
        ? payPeriodOfMonth(parsed.data.month, probe.monthStartDay)
        : { from: parsed.data.from, to: parsed.data.to };
    if (period.to < period.from || shiftDate(period.from, 62) < period.to) {
      throw new AppError('validation_failed', {}, { period: 'date_invalid' });
    }
    const window = loadWindow(period);
    const shiftSchedule =
      staff.workStyle === 'shift'
        ? (await shiftScheduleLayers(trx, actor.contractId, [staffId], windowDates(window))).get(staffId)
        : undefined;
    const leaveDays = (await leaveDaysOf(trx, actor.contractId, [staffId], windowDates(window))).get(staffId);
    // 休暇 (issue 17): 有給 as the engine's leaves; a 半休 leaves the other half as the day's schedule.
    const { settings, leaves } = withLeave(
      settingsFor(context, officeId, staffRules, period, shiftSchedule),
      leaveDays,
    );
    const rows = await listPunchRows(trx, actor.contractId, [staffId], window.from, window.to);
    const approvals = await overtimeApprovalsOf(trx, actor.contractId, [staffId], windowDates(window));
    const { events, counted, unapproved } = countedEvents(
      rows,
      context.timeZone,
      settings,
      shiftSchedule,
      approvals?.get(staffId) ?? (approvals ? [] : null),
    );
    const judgement = judgementFor(ctx, staff, events, context.timeZone, settings.dayBoundary);
    const total = runEngine(settings, period, events, judgement, leaves);
    const variable = settings.variableWorkingHours
      ? explainEngine(settings, period, events, judgement, leaves).variablePeriods
      : [];
    const lock = await findLockCovering(trx, actor.contractId, period.from);
    // 打刻の写真 (issue 20): which punches have one, for the thumbnails.
    const photos = await punchIdsWithPhotos(
      trx,
      actor.contractId,
      rows.map((r) => r.id),
    );

    const days = [];
    for (let date = period.from; date <= period.to; date = shiftDate(date, 1)) {
      const day = runEngine(settings, { from: date, to: date }, events, judgement, leaves);
      const planned = shiftSchedule?.schedule?.byDate?.[date];
      days.push({
        date,
        standing: dayStanding(date, judgement.employment, judgement.lastEnded),
        // シフト制: the day's published shift, shown beside the punches (null: no shift that day).
        ...(shiftSchedule
          ? {
              shift:
                planned === undefined
                  ? null
                  : planned === null
                    ? { off: true, start: null, end: null }
                    : { off: false, start: planned.start, end: planned.end },
            }
          : {}),
        holiday: nationalHolidayName(date) ?? null,
        leave: (leaveDays ?? [])
          .filter((l) => l.date === date)
          .map((l) => ({ id: l.id, typeName: l.typeName, kind: l.kind, unit: l.unit, hours: l.hours })),
        punches: punchesOfDay(rows, date, context.timeZone, settings.dayBoundary, counted, photos),
        removed: removedOfDay(rows, date, context.timeZone, settings.dayBoundary),
        figures: figuresOf(day),
        // 残業は承認制: work past the limit, not counted, shown beside the punches (as punched).
        unapprovedOvertime: unapproved
          .filter((u) => u.date === date)
          .map(({ from, to, minutes }) => ({ from, to, minutes })),
        // 1か月単位の変形労働時間制: which step made the day's overtime (日 / 週 / 変形期間).
        ...(variable.length > 0 && day.statutoryOvertime > 0
          ? {
              overtimeSteps: explainEngine(settings, { from: date, to: date }, events, judgement, leaves)
                .overtimeSteps,
            }
          : {}),
        warnings: day.warnings,
        incomplete: day.incomplete.map((i) => i.code),
      });
    }
    return {
      staff: {
        id: staff.id,
        name: staff.name,
        code: staff.code,
        hiredOn: staff.hiredOn,
        retiredOn: staff.retiredOn,
      },
      period,
      /** The last work date that is over: later days are neither 欠勤 nor 未打刻 yet. */
      lastEnded: judgement.lastEnded,
      settings: {
        monthStartDay: settings.monthStartDay,
        weekStart: settings.weekStart,
        dayBoundary: settings.dayBoundary,
      },
      locked: lock !== undefined,
      days,
      totals: {
        ...figuresOf(total),
        attendedDays: attendedDays(events, total, period),
        incompleteDays: total.incomplete.length,
        unapprovedOvertime: unapprovedMinutes(unapproved, period),
        ...(total.rounded ? { rounded: total.rounded } : {}),
      },
      warnings: total.warnings,
      agreement36: total.agreement36,
      /** Under 変形: each 変形期間 of the range, its legal frame, planned and worked minutes. */
      ...(variable.length > 0
        ? {
            variablePeriods: variable.map((p) => ({
              ...p,
              workedMinutes: p.from === period.from && p.to === period.to ? total.worked : null,
            })),
          }
        : {}),
    };
  });
}

/** Punches deleted by a correction, filed on a work date: shown struck through with who and why. */
function removedOfDay(rows: PunchRow[], date: string, timeZone: string, boundary: string) {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return rows
    .filter((r) => r.deleted && workDateOf(r.punchedAt, timeZone, boundary) === date)
    .map((r) => {
      const before = r.supersedesId ? byId.get(r.supersedesId) : undefined;
      return {
        type: r.type,
        at: wallMinuteOf((before ?? r).punchedAt, timeZone),
        by: r.actorName,
        reason: r.reason,
        ...requestOf(r),
        removedAt: isoInZone(r.createdAt, timeZone),
      };
    });
}

/** The 申請 (ワークフロー, issue 18) whose approval wrote a version, named in its 修正履歴. */
function requestOf(row: Pick<PunchRow, 'flags'>): { requestId?: number } {
  const id = (row.flags as { requestId?: unknown } | null)?.requestId;
  return typeof id === 'number' ? { requestId: id } : {};
}

/** The punches shown on a day's row: effective ones filed on that work date, each with its history. */
function punchesOfDay(
  rows: PunchRow[],
  date: string,
  timeZone: string,
  boundary: string,
  counted: Map<number, string> = new Map(),
  photos: Set<number> = new Set(),
) {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const replacedBy = new Map(rows.filter((r) => r.supersedesId !== null).map((r) => [r.supersedesId!, r]));
  const result = [];
  for (const row of rows) {
    if (replacedBy.has(row.id) || row.deleted) continue;
    if (workDateOf(row.punchedAt, timeZone, boundary) !== date) continue;
    const history = [];
    let current: PunchRow | undefined = row;
    while (current?.supersedesId) {
      const before = byId.get(current.supersedesId);
      history.unshift({
        by: current.actorName,
        at: isoInZone(current.createdAt, timeZone),
        reason: current.reason,
        ...requestOf(current),
        before: before ? { type: before.type, at: wallMinuteOf(before.punchedAt, timeZone) } : null,
        after: { type: current.type, at: wallMinuteOf(current.punchedAt, timeZone) },
      });
      current = before;
    }
    // A punch an administrator added has no earlier version: its history is the addition itself.
    if (current && current.source === 'admin' && !current.supersedesId) {
      history.unshift({
        by: current.actorName,
        at: isoInZone(current.createdAt, timeZone),
        reason: current.reason,
        ...requestOf(current),
        before: null,
        after: { type: current.type, at: wallMinuteOf(current.punchedAt, timeZone) },
      });
    }
    result.push({
      id: row.id,
      type: row.type,
      at: wallMinuteOf(row.punchedAt, timeZone),
      // シフト丸め: the time it is counted from (or to), shown beside the punch as punched.
      ...(counted.has(row.id) ? { countedAt: counted.get(row.id) } : {}),
      source: row.source,
      corrected: history.length > 0,
      original:
        current && current !== row
          ? { type: current.type, at: wallMinuteOf(current.punchedAt, timeZone) }
          : null,
      flags: row.flags,
      // The photo taken with the punch as first recorded (a correction keeps showing it).
      ...(photos.has(row.id)
        ? { photoPunchId: row.id }
        : current && photos.has(current.id)
          ? { photoPunchId: current.id }
          : {}),
      history,
    });
  }
  return result;
}

// ───────────────────────────── corrections ─────────────────────────────

async function assertUnlocked(trx: Tx, contractId: string, dates: string[]) {
  for (const date of dates) {
    const lock = await findLockCovering(trx, contractId, date);
    if (lock)
      throw new AppError('period_locked', { from: String(lock.periodFrom), to: String(lock.periodTo) });
  }
}

type CorrectionAction =
  | { kind: 'add'; staffId: number; input: unknown }
  | { kind: 'change'; punchId: number; input: unknown }
  | { kind: 'delete'; punchId: number; input: unknown };

/** A punch of the day as wanted: an existing one (by id) kept or changed, or a new one. */
interface WantedPunch {
  id?: number | undefined;
  type: PunchType;
  at: string;
  /** Where an error about it is reported (`punches.2.at`, or `at` for a single correction). */
  field: string;
}

/**
 * A correction by an administrator (or 実績 編集 on the person's office): a new punch, a new
 * version of a punch, or a deletion version — never an overwrite. The raw punch stays. The day it
 * touches must still be a possible day afterwards (checkDaySequence).
 */
export async function correctPunches(ctx: AuthContext, actor: Actor, action: CorrectionAction) {
  return withTenant(ctx.db, actor.contractId, async (trx) => {
    const day = await correctionContext(trx, actor);
    if (action.kind === 'add') {
      const data = parseOrThrow(AddPunchSchema, action.input);
      await assertCanSeeTimecard(trx, actor, action.staffId, 'edit');
      const date = workDateOf(day.toInstant(data.at), day.timeZone, day.boundary);
      const current = await day.effectiveOn(action.staffId, date);
      await applyDay(
        trx,
        actor,
        day,
        action.staffId,
        date,
        current,
        [...current.map(keep), { type: data.type, at: data.at, field: 'at' }],
        data.reason,
      );
      return { id: day.lastInsertedId! };
    }
    const target = await findPunchRow(trx, actor.contractId, action.punchId);
    if (!target) throw new AppError('punch_not_found');
    await assertCanSeeTimecard(trx, actor, target.staffId, 'edit');
    if (target.superseded || target.deleted) throw new AppError('punch_already_corrected');
    const current = await day.effectiveOn(target.staffId, target.workDate);
    if (action.kind === 'change') {
      const data = parseOrThrow(ChangePunchSchema, action.input);
      const at = data.at ?? wallMinuteOf(target.punchedAt, day.timeZone);
      const type = data.type ?? target.type;
      const date = workDateOf(day.toInstant(at), day.timeZone, day.boundary);
      if (date === target.workDate) {
        await applyDay(
          trx,
          actor,
          day,
          target.staffId,
          date,
          current,
          current.map((p) => (p.id === target.id ? { id: p.id, type, at, field: 'at' } : keep(p))),
          data.reason,
        );
      } else {
        // Moved to another work date: the punch leaves its day and joins the other one.
        await assertUnlocked(trx, actor.contractId, [target.workDate]);
        const remaining = current.filter((p) => p.id !== target.id).map(keep);
        assertPossibleDay(
          day,
          target.workDate,
          remaining,
          await day.openBefore(target.staffId, target.workDate),
        );
        const other = await day.effectiveOn(target.staffId, date);
        await applyDay(
          trx,
          actor,
          day,
          target.staffId,
          date,
          other,
          [...other.map(keep), { id: target.id, type, at, field: 'at' }],
          data.reason,
          current,
        );
      }
      return { id: day.lastInsertedId! };
    }
    const data = parseOrThrow(DeletePunchSchema, action.input);
    await applyDay(
      trx,
      actor,
      day,
      target.staffId,
      target.workDate,
      current,
      current.filter((p) => p.id !== target.id).map(keep),
      data.reason,
    );
    return { id: day.lastInsertedId! };
  });
}

/**
 * 修正 of one work date as a whole: the punches the day should have (`id` for an existing punch,
 * kept or changed; none for a new one), and one 修正理由. Checked as a day first, then written in
 * one transaction as versions, so nothing is half saved.
 */
export async function correctDay(
  ctx: AuthContext,
  actor: Actor,
  staffId: number,
  date: string,
  input: unknown,
) {
  if (!DateSchema.safeParse(date).success) throw new AppError('not_found');
  const data = parseOrThrow(DayCorrectionSchema, input);
  return withTenant(ctx.db, actor.contractId, async (trx) => {
    await assertCanSeeTimecard(trx, actor, staffId, 'edit');
    const day = await correctionContext(trx, actor);
    const current = await day.effectiveOn(staffId, date);
    const changed = await applyDay(
      trx,
      actor,
      day,
      staffId,
      date,
      current,
      data.punches.map((p, i) => ({ id: p.id, type: p.type, at: p.at, field: `punches.${i}.at` })),
      data.reason,
    );
    return { date, changed };
  });
}

// ───────────────────────────── 打刻修正申請 (issue 18) ─────────────────────────────

type RequestedPunch = { type: PunchType; at: string };

/** A work day's effective punches as they are now (the "before" of a 打刻修正申請). */
export async function currentDayPunches(trx: Tx, actor: Actor, staffId: number, date: string) {
  const day = await correctionContext(trx, actor);
  return (await day.effectiveOn(staffId, date)).map(({ id, type, at }) => ({ id, type, at }));
}

/**
 * Checks a requested day as the correction path would (every punch on that work date, a possible
 * sequence), so that the applicant hears of a mistake when sending, not when it is approved.
 */
export async function checkRequestedDay(
  trx: Tx,
  actor: Actor,
  staffId: number,
  date: string,
  punches: RequestedPunch[],
) {
  const day = await correctionContext(trx, actor);
  punches.forEach((p, i) => {
    if (workDateOf(day.toInstant(p.at), day.timeZone, day.boundary) !== date) {
      throw new AppError('punch_sequence_invalid', {}, { [`punches.${i}.at`]: 'punch_outside_day' });
    }
  });
  assertPossibleDay(
    day,
    date,
    punches.map((p, i) => ({ type: p.type, at: p.at, field: `punches.${i}.at` })),
    await day.openBefore(staffId, date),
  );
}

/**
 * Approves a 打刻修正申請 through the correction path, inside the approval's transaction: the day
 * becomes the requested one (unchanged punches kept, moved ones as new versions), each version
 * written by the approver with the request's reason and its number (`flags.requestId`), which the
 * 修正履歴 shows. A closed period refuses it (period_locked), as any correction.
 */
export async function applyRequestedDay(
  trx: Tx,
  actor: Actor,
  staffId: number,
  date: string,
  punches: RequestedPunch[],
  reason: string,
  requestId: number,
): Promise<number> {
  const day = await correctionContext(trx, actor);
  const current = await day.effectiveOn(staffId, date);
  const wanted = matchDay(current, punches).map((p, i) => ({ ...p, field: `punches.${i}.at` }));
  return applyDay(trx, actor, day, staffId, date, current, wanted, reason, [], { requestId });
}

type EffectivePunch = { id: number; type: PunchType; at: string; officeId: number | null };
const keep = (p: EffectivePunch): WantedPunch => ({ id: p.id, type: p.type, at: p.at, field: 'at' });

async function correctionContext(trx: Tx, actor: Actor) {
  const context = await loadLaborContext(trx, actor.contractId);
  const timeZone = context.timeZone;
  const boundary = settingsFor(context, undefined, undefined, {
    from: '2000-01-01',
    to: '2000-01-01',
  }).dayBoundary;
  const rowsAround = async (staffId: number, date: string) => {
    const window = {
      from: new Date(`${shiftDate(date, -2)}T00:00:00Z`),
      to: new Date(`${shiftDate(date, 3)}T00:00:00Z`),
    };
    const rows = await listPunchRows(trx, actor.contractId, [staffId], window.from, window.to);
    return effectivePunches(rows)
      .map((r) => ({
        ...r,
        wall: wallMinuteOf(r.punchedAt, timeZone),
        date: workDateOf(r.punchedAt, timeZone, boundary),
      }))
      .sort((a, b) => a.punchedAt.getTime() - b.punchedAt.getTime() || a.id - b.id);
  };
  const state = {
    timeZone,
    boundary,
    lastInsertedId: undefined as number | undefined,
    toInstant(wall: string) {
      if (!DateSchema.safeParse(wall.slice(0, 10)).success)
        throw new AppError('date_invalid', {}, { at: 'date_invalid' });
      return instantOfWall(wall, timeZone);
    },
    /** The effective punches filed on a work date, under the person's punch lock. */
    async effectiveOn(staffId: number, date: string): Promise<EffectivePunch[]> {
      await lockPunchesOf(trx, actor.contractId, [staffId]);
      const rows = await rowsAround(staffId, date);
      return rows
        .filter((r) => r.date === date)
        .map((r) => ({ id: r.id, type: r.type, at: r.wall, officeId: r.officeId }));
    },
    /** Whether the work date before `date` ends with a shift still open (a night shift's 退勤 here). */
    async openBefore(staffId: number, date: string): Promise<boolean> {
      const before = (await rowsAround(staffId, date)).filter((r) => r.date === shiftDate(date, -1)).at(-1);
      return before !== undefined && before.type !== 'clock_out';
    },
  };
  return state;
}
type CorrectionDay = Awaited<ReturnType<typeof correctionContext>>;

function assertPossibleDay(day: CorrectionDay, date: string, wanted: WantedPunch[], openAtStart: boolean) {
  const issue = checkDaySequence(wanted, { date, dayBoundary: day.boundary, openAtStart });
  if (issue) {
    throw new AppError(
      'punch_sequence_invalid',
      {},
      { [wanted[issue.index]!.field]: sequenceIssueCode(issue) },
    );
  }
}

/**
 * Writes the difference between a day's effective punches and the wanted ones: deletion versions
 * for those left out, change versions for those changed, new punches for those without an id.
 * `alsoFrom` holds punches of another day that may be moved here (a change across dates).
 */
async function applyDay(
  trx: Tx,
  actor: Actor,
  day: CorrectionDay,
  staffId: number,
  date: string,
  current: EffectivePunch[],
  wanted: WantedPunch[],
  reason: string,
  alsoFrom: EffectivePunch[] = [],
  flags: Record<string, unknown> = {},
): Promise<number> {
  const known = new Map([...alsoFrom, ...current].map((p) => [p.id, p]));
  const seen = new Set<number>();
  for (const punch of wanted) {
    if (punch.id === undefined) continue;
    if (!known.has(punch.id) || seen.has(punch.id)) throw new AppError('punch_already_corrected');
    seen.add(punch.id);
  }
  const dates = new Set([
    date,
    ...wanted.map((p) => workDateOf(day.toInstant(p.at), day.timeZone, day.boundary)),
  ]);
  await assertUnlocked(trx, actor.contractId, [...dates]);
  assertPossibleDay(day, date, wanted, await day.openBefore(staffId, date));

  const base = {
    deviceAt: null,
    source: 'admin' as const,
    terminalId: null,
    actorAccountId: actor.accountId,
    flags,
    reason,
  };
  let changed = 0;
  const write = async (values: Parameters<typeof insertPunch>[2]) => {
    const row = (await insertPunch(trx, actor.contractId, values))!;
    day.lastInsertedId = row.id;
    changed += 1;
    // Webhooks (issue 14): the new version, in the correction's transaction.
    await emitEvent(trx, actor.contractId, 'punch.corrected', {
      action: row.deleted ? 'deleted' : row.supersedesId ? 'changed' : 'added',
      punch: { ...punchEventData(row, row, day.timeZone), deleted: row.deleted },
      supersedes: row.supersedesId,
      reason,
    });
  };
  for (const old of current) {
    if (seen.has(old.id)) continue;
    const at = day.toInstant(old.at);
    await write({
      ...base,
      officeId: old.officeId,
      staffId,
      type: old.type,
      punchedAt: at,
      workDate: date,
      idempotencyKey: `admin:${randomUUID()}`,
      supersedesId: old.id,
      deleted: true,
    });
    await auditCorrection(trx, actor, 'punch.delete', old.id, reason, {
      before: { type: old.type, at: old.at },
      after: null,
      ...flags,
    });
  }
  for (const punch of wanted) {
    const at = day.toInstant(punch.at);
    const workDate = workDateOf(at, day.timeZone, day.boundary);
    const old = punch.id !== undefined ? known.get(punch.id) : undefined;
    if (old && old.type === punch.type && old.at === punch.at) continue;
    await write({
      ...base,
      officeId: old?.officeId ?? null,
      staffId,
      type: punch.type,
      punchedAt: at,
      workDate,
      idempotencyKey: `admin:${randomUUID()}`,
      ...(old ? { supersedesId: old.id } : {}),
    });
    if (old) {
      await auditCorrection(trx, actor, 'punch.change', old.id, reason, {
        before: { type: old.type, at: old.at },
        after: { type: punch.type, at: punch.at },
        ...flags,
      });
    } else {
      await auditCorrection(trx, actor, 'punch.add', day.lastInsertedId!, reason, {
        after: { type: punch.type, at: punch.at },
        ...flags,
      });
    }
  }
  return changed;
}

async function auditCorrection(
  trx: Tx,
  actor: Actor,
  action: string,
  punchId: number,
  reason: string,
  details: Record<string, unknown>,
) {
  await appendAudit(trx, actor.contractId, {
    action,
    actorAccountId: actor.accountId,
    actorStaffId: actor.staffId,
    target: `punch:${punchId}`,
    details: { ...details, reason },
  });
}

// ───────────────────────────── 締め処理 ─────────────────────────────

export async function listPeriodLocks(ctx: AuthContext, actor: Actor) {
  return withTenant(ctx.db, actor.contractId, async (trx) => ({
    // lockedAt as JSON writes it (an ISO instant), so that the contract's string schema accepts it.
    items: (await listLocks(trx, actor.contractId)).map((lock) => ({
      ...lock,
      lockedAt: lock.lockedAt instanceof Date ? lock.lockedAt.toISOString() : String(lock.lockedAt),
    })),
  }));
}

async function lockPeriodOf(ctx: AuthContext, contractId: string, date: string) {
  return withTenant(ctx.db, contractId, async (trx) => {
    const context = await loadLaborContext(trx, contractId);
    const settings = settingsFor(context, undefined, undefined, { from: date, to: date });
    const now = ctx.now ? ctx.now() : new Date();
    return {
      period: payPeriodOf(date, settings.monthStartDay),
      lastEnded: lastEndedWorkDate(now, context.timeZone, settings.dayBoundary),
    };
  });
}

/**
 * What closing the pay period containing `date` would leave behind: days not over yet (punches
 * still to come) and people with 未打刻 days. The 締め dialog lists them before asking to confirm.
 */
export async function previewPeriodLock(ctx: AuthContext, actor: Actor, query: unknown) {
  requireAdmin(actor);
  const { date } = parseOrThrow(PeriodLockPreviewSchema, query);
  const { period, lastEnded } = await lockPeriodOf(ctx, actor.contractId, date);
  const summary = await attendanceSummary(ctx, actor.contractId, period);
  return {
    period,
    notEnded: period.to > lastEnded,
    lastEnded,
    incomplete: summary.rows
      .filter((row) => row.incompleteDays > 0)
      .map((row) => ({
        staffId: row.staffId,
        code: row.code,
        name: row.name,
        incompleteDays: row.incompleteDays,
      })),
  };
}

/**
 * Locks (or unlocks) the contract's pay period containing `date`: administrators only. Closing a
 * period that has not ended, or has 未打刻 days, needs `confirm: true` (the dialog lists them).
 */
export async function setPeriodLock(ctx: AuthContext, actor: Actor, input: unknown, locked: boolean) {
  requireAdmin(actor);
  const { date, confirm } = parseOrThrow(PeriodLockSchema, input);
  if (locked && !confirm) {
    const preview = await previewPeriodLock(ctx, actor, { date });
    if (preview.notEnded || preview.incomplete.length > 0) {
      throw new AppError('period_lock_unconfirmed', { ...preview.period });
    }
  }
  const { period } = await lockPeriodOf(ctx, actor.contractId, date);
  return withTenant(ctx.db, actor.contractId, async (trx) => {
    const changed = locked
      ? await insertLock(trx, actor.contractId, period.from, period.to, actor.accountId)
      : await deleteLock(trx, actor.contractId, period.from);
    // Webhooks (issue 14): only a real change (closing a closed period again tells nobody).
    if (changed)
      await emitEvent(trx, actor.contractId, locked ? 'timecard.closed' : 'timecard.reopened', { period });
    await appendAudit(trx, actor.contractId, {
      action: locked ? 'period.lock' : 'period.unlock',
      actorAccountId: actor.accountId,
      actorStaffId: actor.staffId,
      details: period,
    });
    return { period, locked };
  });
}
