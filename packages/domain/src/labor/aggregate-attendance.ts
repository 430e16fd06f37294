import { compileLaborSettings, type LaborCalendar, type ScheduleTemplate } from './labor-calendar.ts';
import { LaborInputError } from './labor-error.ts';
import type { LaborSettings } from './labor-settings.schema.ts';
import { type AttendanceEvent, buildSegments, type IncompleteCode, parseEvents } from './punch-segments.ts';
import { dayOfMinute, formatDate, MINUTES_PER_DAY, parseIsoDate, weekdayOf } from './wall-time.ts';

export interface PaidLeaveRecord {
  /** `YYYY-MM-DD`. */
  readonly date: string;
  readonly type: 'paid';
  /** 1 for a full day, 0.5 for a half day. */
  readonly days: 1 | 0.5;
}

export interface AggregateAttendanceInput {
  readonly settings: LaborSettings;
  /** Work dates to report, `YYYY-MM-DD`, both inclusive. */
  readonly period: { readonly from: string; readonly to: string };
  /** Every punch known, including context before `from` (earlier days of the first week, of the pay period). */
  readonly events: readonly AttendanceEvent[];
  readonly leaves?: readonly PaidLeaveRecord[];
}

export type IncompleteWorkday = { date: string; code: IncompleteCode };

export type WarningCode =
  | 'BREAK_SHORTAGE'
  | 'BREAK_OUTSIDE_SHIFT'
  | 'ROUNDING_AGAINST_WORKER'
  | 'VARIABLE_FRAME_EXCEEDED';

/** The names of the minute totals, in the order of labor-rules.md §4 (for tables, sums and checks). */
export const MINUTE_TOTAL_FIELDS = [
  'worked',
  'scheduledWithin',
  'statutoryWithinOvertime',
  'statutoryOvertime',
  'statutoryOvertimeUpTo60h',
  'statutoryOvertimeOver60h',
  'statutoryOvertimeInsideSchedule',
  'lateNight',
  'lateNightOnStatutoryOvertime',
  'lateNightOnStatutoryOvertimeOver60h',
  'lateNightOnLegalHoliday',
  'legalHolidayWork',
  'late',
  'earlyLeave',
  'privateOut',
] as const satisfies readonly (keyof MinuteTotals)[];

/** The minute totals of labor-rules.md §4 (all integers) for the work dates of a period. */
export interface MinuteTotals {
  worked: number;
  /** 所定内. */
  scheduledWithin: number;
  /** 法定内残業: beyond 所定 but within 8 h / 40 h, paid at 1.0. */
  statutoryWithinOvertime: number;
  /** 法定外 (時間外労働) = UpTo60h + Over60h. */
  statutoryOvertime: number;
  statutoryOvertimeUpTo60h: number;
  statutoryOvertimeOver60h: number;
  /** Part of statutoryOvertime taken out of 所定内 (weekly OT on a scheduled day), already in the salary. */
  statutoryOvertimeInsideSchedule: number;
  lateNight: number;
  lateNightOnStatutoryOvertime: number;
  lateNightOnStatutoryOvertimeOver60h: number;
  lateNightOnLegalHoliday: number;
  legalHolidayWork: number;
  late: number;
  earlyLeave: number;
  privateOut: number;
}

export interface AttendanceTotals extends MinuteTotals {
  absenceDays: number;
  paidLeaveDays: number;
  incomplete: IncompleteWorkday[];
  /** `CODE@YYYY-MM-DD`, sorted by date then code. */
  warnings: string[];
  /** Worked minutes before punch rounding; present when a rounding mode is set. */
  rawWorked?: number;
  /** 昭和63.3.14基発150号 monthly rounding of the premium totals; present with `monthlyRounding: "half_hour"`. */
  rounded?: {
    statutoryOvertime: number;
    statutoryOvertimeUpTo60h: number;
    statutoryOvertimeOver60h: number;
    legalHolidayWork: number;
    lateNight: number;
  };
  agreement36: {
    overtimeMinutes: number;
    overtimePlusLegalHolidayMinutes: number;
    /** 時間外 > 45 h: over the basic monthly line of 36協定. */
    exceeds45h: boolean;
    /** 時間外 + 休日 ≥ 100 h: the absolute single-month ceiling is reached (100h00 is already a violation). */
    reaches100h: boolean;
  };
}

/** One 勤務 (labor-rules.md §1): all pieces attributed to one work date, after the next-day start cut. */
interface Workday {
  readonly date: number;
  readonly week: number;
  readonly payPeriod: number;
  /** Clock-pair boundaries (rounded), flat `[in, out, …]`, chronological. */
  readonly spans: number[];
  worked: number;
  legalHoliday: number;
  dayCount: number;
  overtime: number;
  overtimeOver60h: number;
  /** The overtime split by the step that made it (sums to `overtime`). */
  overtimeByDay: number;
  overtimeByWeek: number;
  overtimeByPeriod: number;
  lateNight: number;
  lateNightOnOvertime: number;
  lateNightOnOvertimeOver60h: number;
  lateNightOnLegalHoliday: number;
}

const INPUT_FIELDS = new Set(['settings', 'period', 'events', 'leaves']);

/**
 * Aggregates attendance for the work dates `period.from..period.to` (labor-rules.md §12).
 *
 * Pure: no I/O, no `Date`, no host time zone. Events outside the period are context: they feed the
 * week's 40 h and the pay period's 60 h counters but are not reported. Bad input throws
 * {@link LaborInputError} naming the field; it never yields a total.
 *
 * @example
 * aggregateAttendance({
 *   settings: defaultLaborSettings,
 *   period: { from: '2025-06-02', to: '2025-06-02' },
 *   events: [
 *     { type: 'clock_in', at: '2025-06-02T09:00' },
 *     { type: 'break_start', at: '2025-06-02T12:00' },
 *     { type: 'break_end', at: '2025-06-02T13:00' },
 *     { type: 'clock_out', at: '2025-06-02T18:00' },
 *   ],
 * });
 * // → worked 480, scheduledWithin 480, every other figure 0, warnings []
 */
export function aggregateAttendance(input: AggregateAttendanceInput): AttendanceTotals {
  return aggregateAttendanceExplained(input).totals;
}

/** Why minutes became 法定外: the step that made them overtime (labor-rules.md §4 step 4, §4.2). */
export interface OvertimeSteps {
  /** Beyond the day's limit (8 h, or the day's scheduled hours under 変形). */
  day: number;
  /** Beyond the week's limit (40 h, or the week's scheduled hours under 変形). */
  week: number;
  /** Beyond the 変形期間's frame (40 h × calendar days ÷ 7); 0 without 変形. */
  period: number;
}

/** A 変形期間 (pay period) touching the reported dates: its legal frame and its planned minutes. */
export interface VariablePeriod {
  from: string;
  to: string;
  frameMinutes: number;
  scheduledMinutes: number;
}

/**
 * The same totals as {@link aggregateAttendance} (identical, from the one pass), with what explains
 * them: which step made each overtime minute, and under 1か月単位の変形労働時間制 the frame and
 * plan of each pay period. The timecard and the summary show these; the engine's output stays §12's.
 */
export function aggregateAttendanceExplained(input: AggregateAttendanceInput): {
  totals: AttendanceTotals;
  overtimeSteps: OvertimeSteps;
  variablePeriods: VariablePeriod[];
} {
  if (typeof input !== 'object' || input === null) {
    throw new LaborInputError('invalid_input', 'input', 'expected {settings, period, events, leaves?}');
  }
  for (const key of Object.keys(input)) {
    if (!INPUT_FIELDS.has(key)) throw new LaborInputError('invalid_input', key, `unknown field ${key}`);
  }
  const calendar = compileLaborSettings(input.settings);
  const period: unknown = input.period;
  if (typeof period !== 'object' || period === null) {
    throw new LaborInputError('invalid_period', 'period', 'expected {from, to}');
  }
  const from = parseIsoDate((period as { from?: unknown }).from, 'period.from');
  const to = parseIsoDate((period as { to?: unknown }).to, 'period.to');
  if (to < from) throw new LaborInputError('invalid_period', 'period.to', 'the period ends before it starts');
  const keys = parseEvents(input.events);
  const leaveDays = parseLeaves(input.leaves);
  return aggregate(calendar, keys, leaveDays, from, to);
}

type Explained = ReturnType<typeof aggregateAttendanceExplained>;

function parseLeaves(leaves: unknown): Map<number, number> {
  const byDay = new Map<number, number>();
  if (leaves === undefined) return byDay;
  if (!Array.isArray(leaves))
    throw new LaborInputError('invalid_leave', 'leaves', 'expected an array of leaves');
  leaves.forEach((leave: unknown, i) => {
    if (typeof leave !== 'object' || leave === null) {
      throw new LaborInputError('invalid_leave', `leaves[${i}]`, 'expected {date, type, days}');
    }
    const { date, type, days } = leave as { date?: unknown; type?: unknown; days?: unknown };
    const day = parseIsoDate(date, `leaves[${i}].date`);
    if (type !== 'paid') {
      throw new LaborInputError(
        'invalid_leave',
        `leaves[${i}].type`,
        `unknown leave type ${JSON.stringify(type)}`,
      );
    }
    if (days !== 1 && days !== 0.5) {
      throw new LaborInputError('invalid_leave', `leaves[${i}].days`, 'days must be 1 or 0.5');
    }
    // Halves are kept as integer halves so the sum stays exact.
    byDay.set(day, (byDay.get(day) ?? 0) + days * 2);
  });
  return byDay;
}

/** Pushes `[from, to)` minus the sorted disjoint flat `cuts` into `out`. */
function subtractInto(from: number, to: number, cuts: readonly number[], out: number[]): void {
  let cursor = from;
  for (let i = 0; i < cuts.length && cursor < to; i += 2) {
    const s = Math.max(cuts[i]!, cursor);
    const e = Math.min(cuts[i + 1]!, to);
    if (s >= e) continue;
    if (s > cursor) out.push(cursor, s);
    cursor = e;
  }
  if (cursor < to) out.push(cursor, to);
}

/** Scheduled break windows around `[from, to)`, absolute, sorted and merged (breakMode "scheduled"). */
function scheduledBreaksAround(calendar: LaborCalendar, from: number, to: number): number[] {
  const raw: number[] = [];
  for (let day = dayOfMinute(from) - 1; day <= dayOfMinute(to); day++) {
    const schedule = calendar.scheduleOf(day);
    if (schedule === null) continue;
    const base = day * MINUTES_PER_DAY;
    for (let i = 0; i < schedule.breaks.length; i += 2)
      raw.push(base + schedule.breaks[i]!, base + schedule.breaks[i + 1]!);
  }
  const pairs: [number, number][] = [];
  for (let i = 0; i < raw.length; i += 2) pairs.push([raw[i]!, raw[i + 1]!]);
  pairs.sort((a, b) => a[0] - b[0]);
  const merged: number[] = [];
  for (const [s, e] of pairs) {
    const last = merged.length - 1;
    if (last > 0 && s <= merged[last]!) merged[last] = Math.max(merged[last]!, e);
    else merged.push(s, e);
  }
  return merged;
}

/** Worked intervals of one pair `[from, to)`: punched breaks clipped to the pair (§3, §4 step 1). */
function workedIntervals(
  calendar: LaborCalendar,
  breaks: readonly number[],
  from: number,
  to: number,
): number[] {
  const out: number[] = [];
  subtractInto(from, to, calendar.scheduledBreaks ? scheduledBreaksAround(calendar, from, to) : breaks, out);
  return out;
}

/**
 * The next-day start cut (§1; 昭和26.2.26基収3406号, 昭和28.3.20基発138号): once a 勤務 runs into the next
 * day's scheduled start, the minutes from that time on belong to the next day's 勤務. Calls
 * `emit(workDate, pieceStart, pieceEnd)` for the part of `[from, to)` (a piece of a pair whose clock-in
 * fell on `workDate`) that each work date receives. The aggregation inlines the same loop.
 */
function cutAtNextDayStart(
  calendar: LaborCalendar,
  workDate: number,
  from: number,
  to: number,
  emit: (workDate: number, from: number, to: number) => void,
): void {
  let date = workDate;
  let start = from;
  for (;;) {
    const next = calendar.scheduleOf(date + 1);
    const cut = next === null ? Number.POSITIVE_INFINITY : (date + 1) * MINUTES_PER_DAY + next.start;
    if (to <= cut) {
      emit(date, start, to);
      return;
    }
    if (start < cut) emit(date, start, cut);
    start = Math.max(start, cut);
    date += 1;
  }
}

/** Scheduled working minutes (SM windows) of `schedule` placed on `base`, inside `[from, to)`. */
function scheduledMinutesIn(schedule: ScheduleTemplate, base: number, from: number, to: number): number {
  let total = 0;
  const w = schedule.windows;
  for (let i = 0; i < w.length; i += 2) {
    const s = Math.max(base + w[i]!, from);
    const e = Math.min(base + w[i + 1]!, to);
    if (e > s) total += e - s;
  }
  return total;
}

/**
 * The 法定休日 test for a calendar day (§1, §6). With `legalHoliday: null` (平成21 MHLW Q&A): in a week
 * where every 所定休日 (a day without scheduled work) was worked, the later one is the 法定休日;
 * otherwise the week has no 法定休日 work. "Worked" means a worked minute of a complete 勤務 on that
 * calendar day, since a 休日 is a whole 暦日 of rest.
 */
function legalHolidayRule(
  calendar: LaborCalendar,
  starts: readonly number[],
  ends: readonly number[],
): (day: number) => boolean {
  const weekday = calendar.legalHolidayWeekday;
  if (weekday !== null) return (day) => weekdayOf(day) === weekday;
  const workedDays = new Set<number>();
  for (let i = 0; i < starts.length; i++) {
    for (let day = dayOfMinute(starts[i]!); day <= dayOfMinute(ends[i]! - 1); day++) workedDays.add(day);
  }
  const legal = new Set<number>();
  const seenWeeks = new Set<number>();
  for (const worked of workedDays) {
    if (calendar.scheduleOf(worked) !== null) continue;
    const week = calendar.weekOf(worked);
    if (seenWeeks.has(week)) continue;
    seenWeeks.add(week);
    let later = Number.NaN;
    let allWorked = true;
    for (let day = week; day < week + 7; day++) {
      if (calendar.scheduleOf(day) !== null) continue;
      if (!workedDays.has(day)) allWorked = false;
      later = day;
    }
    if (allWorked) legal.add(later);
  }
  return (day) => legal.has(day);
}

/** Half-hour rounding of a monthly total (昭和63.3.14基発150号): < 30 min down, ≥ 30 min up to the hour. */
export function roundHalfHour(minutes: number): number {
  const rest = minutes % 60;
  return rest < 30 ? minutes - rest : minutes - rest + 60;
}

// Warning codes in the order warnings are listed on a date (alphabetical); a warning is kept as the
// number `date * 4 + index` until the end, so the hot path allocates no strings.
const WARNING_CODES = [
  'BREAK_OUTSIDE_SHIFT',
  'BREAK_SHORTAGE',
  'ROUNDING_AGAINST_WORKER',
  'VARIABLE_FRAME_EXCEEDED',
] as const;
const BREAK_OUTSIDE_SHIFT = 0;
const BREAK_SHORTAGE = 1;
const ROUNDING_AGAINST_WORKER = 2;
const VARIABLE_FRAME_EXCEEDED = 3;

/**
 * The limits of labor-rules.md §4.2 (1か月単位の変形労働時間制, 労基法32条の2). Scheduled minutes are a
 * schedule's span less its scheduled breaks (0 for a date without one); 法定休日 never count. A
 * calendar week cut by the boundary of the 変形期間 is two weeks, each of its own days (CONVENTION).
 */
function variableLimits(calendar: LaborCalendar, isLegalHoliday: (day: number) => boolean) {
  const scheduledOn = (day: number) => (isLegalHoliday(day) ? 0 : (calendar.scheduleOf(day)?.minutes ?? 0));
  const weekLimits = new Map<number, number>();
  const frames = new Map<number, number>();
  return {
    dayLimit: (date: number) => Math.max(calendar.dailyLimit, scheduledOn(date)),
    /** A week key per (calendar week, pay period): the part of a week inside one period. */
    weekKey: (workday: Workday) => workday.week * 100_000 + workday.payPeriod,
    weekLimit(key: number, workday: Workday) {
      let limit = weekLimits.get(key);
      if (limit === undefined) {
        let scheduled = 0;
        for (let day = workday.week; day < workday.week + 7; day++) {
          if (calendar.payPeriodOf(day) === workday.payPeriod) scheduled += scheduledOn(day);
        }
        limit = Math.max(calendar.weeklyLimit, scheduled);
        weekLimits.set(key, limit);
      }
      return limit;
    },
    /** floor(weeklyLimit × calendar days / 7): 31 days 10,628 (177:08), 30 days 10,285, 28 days 9,600. */
    frame(key: number) {
      let frame = frames.get(key);
      if (frame === undefined) {
        const { first, last } = calendar.payPeriodBounds(key);
        frame = Math.floor((calendar.weeklyLimit * (last - first + 1)) / 7);
        frames.set(key, frame);
      }
      return frame;
    },
    periodScheduled(key: number) {
      const { first, last } = calendar.payPeriodBounds(key);
      let total = 0;
      for (let day = first; day <= last; day++) total += scheduledOn(day);
      return total;
    },
  };
}

function newWorkday(calendar: LaborCalendar, date: number): Workday {
  return {
    date,
    week: calendar.weekOf(date),
    payPeriod: calendar.payPeriodOf(date),
    spans: [],
    worked: 0,
    legalHoliday: 0,
    dayCount: 0,
    overtime: 0,
    overtimeOver60h: 0,
    overtimeByDay: 0,
    overtimeByWeek: 0,
    overtimeByPeriod: 0,
    lateNight: 0,
    lateNightOnOvertime: 0,
    lateNightOnOvertimeOver60h: 0,
    lateNightOnLegalHoliday: 0,
  };
}

function aggregate(
  calendar: LaborCalendar,
  keys: Float64Array,
  leaveHalves: Map<number, number>,
  from: number,
  to: number,
): Explained {
  const segments = buildSegments(keys, calendar);

  // §4 step 2: an incomplete pair makes its whole work date incomplete; it contributes 0 everywhere.
  const incompleteByDate = new Map<number, IncompleteCode[]>();
  for (const segment of segments) {
    if (segment.incomplete === null) continue;
    const codes = incompleteByDate.get(segment.workDate);
    if (codes === undefined) incompleteByDate.set(segment.workDate, [segment.incomplete]);
    else if (!codes.includes(segment.incomplete)) codes.push(segment.incomplete);
  }

  const workdays = new Map<number, Workday>();
  // Worked intervals of every complete 勤務 in chronological order, with their owner: the input of
  // the identity pass. Segments are chronological and disjoint, and so are their pieces.
  const starts: number[] = [];
  const ends: number[] = [];
  const owners: Workday[] = [];
  const warnings: number[] = [];
  const worked: number[] = [];
  let previousDate = Number.NaN;
  let roundedOfDate = 0;
  let rawOfDate = 0;
  // Raw (unrounded) minutes by the work date they fall to; kept apart so they never create a 勤務.
  const rawWorkedByDate = new Map<number, number>();

  for (const segment of segments) {
    if (segment.incomplete !== null || incompleteByDate.has(segment.workDate)) continue;
    if (segment.breakOutsideShift) warnings.push(segment.workDate * 4 + BREAK_OUTSIDE_SHIFT);
    worked.length = 0;
    subtractInto(
      segment.in,
      segment.out,
      calendar.scheduledBreaks ? scheduledBreaksAround(calendar, segment.in, segment.out) : segment.breaks,
      worked,
    );

    // The next-day start cut (§1), inlined from cutAtNextDayStart: the hot path of the benchmark.
    // A pair that rounding collapsed still yields its empty span: it is a 勤務. (A clock_in and a
    // clock_out at the same minute never form a pair: the tie order puts the clock_out first.)
    let date = segment.workDate;
    let a = segment.in;
    let cursor = 0;
    for (;;) {
      const next = calendar.scheduleOf(date + 1);
      const cut = next === null ? Number.POSITIVE_INFINITY : (date + 1) * MINUTES_PER_DAY + next.start;
      const b = Math.min(segment.out, cut);
      if (!incompleteByDate.has(date)) {
        let workday = workdays.get(date);
        if (workday === undefined) {
          workday = newWorkday(calendar, date);
          workdays.set(date, workday);
        }
        workday.spans.push(a, b);
        // Worked intervals are sorted: hand this piece its share.
        while (cursor < worked.length && worked[cursor + 1]! <= a) cursor += 2;
        for (let i = cursor; i < worked.length && worked[i]! < b; i += 2) {
          const s = Math.max(worked[i]!, a);
          const e = Math.min(worked[i + 1]!, b);
          if (e <= s) continue;
          starts.push(s);
          ends.push(e);
          owners.push(workday);
          workday.worked += e - s;
        }
      }
      if (segment.out <= cut) break;
      a = cut;
      date += 1;
    }

    if (calendar.roundingOn) {
      // §9: compare rounded and raw worked minutes per 勤務 (its pairs, before the cut).
      if (segment.workDate !== previousDate) {
        if (roundedOfDate < rawOfDate) warnings.push(previousDate * 4 + ROUNDING_AGAINST_WORKER);
        previousDate = segment.workDate;
        roundedOfDate = 0;
        rawOfDate = 0;
      }
      for (let i = 0; i < worked.length; i += 2) roundedOfDate += worked[i + 1]! - worked[i]!;
      const raw = workedIntervals(calendar, segment.breaks, segment.rawIn, segment.rawOut);
      for (let i = 0; i < raw.length; i += 2) {
        rawOfDate += raw[i + 1]! - raw[i]!;
        cutAtNextDayStart(calendar, segment.workDate, raw[i]!, raw[i + 1]!, (pieceDate, s, e) => {
          rawWorkedByDate.set(pieceDate, (rawWorkedByDate.get(pieceDate) ?? 0) + e - s);
        });
      }
    }
  }
  if (roundedOfDate < rawOfDate) warnings.push(previousDate * 4 + ROUNDING_AGAINST_WORKER);

  const isLegalHoliday = legalHolidayRule(calendar, starts, ends);

  // §4 step 4, the identity pass: walk worked minutes chronologically, interval by interval, and split
  // each interval where a counter crosses its limit. Equivalent to the minute walk of the spec.
  const weekCount = new Map<number, number>();
  const monthOvertime = new Map<number, number>();
  const { dailyLimit, weeklyLimit, tierThreshold } = calendar;
  // §4.2 (1か月単位の変形労働時間制): the day and the week are judged against their scheduled minutes
  // where those exceed the limits, then the pay period against its frame. Off, these stay unused.
  const variable = calendar.variableMonthly ? variableLimits(calendar, isLegalHoliday) : null;
  const periodCount = new Map<number, number>();
  for (let i = 0; i < starts.length; i++) {
    const workday = owners[i]!;
    const end = ends[i]!;
    let a = starts[i]!;
    const dayLimit = variable ? variable.dayLimit(workday.date) : dailyLimit;
    const weekKey = variable ? variable.weekKey(workday) : workday.week;
    const weekLimit = variable ? variable.weekLimit(weekKey, workday) : weeklyLimit;
    while (a < end) {
      const day = dayOfMinute(a);
      const b = Math.min(end, (day + 1) * MINUTES_PER_DAY);
      const lateNight = calendar.lateNightMinutes(a, b);
      workday.lateNight += lateNight;
      if (isLegalHoliday(day)) {
        // 平成6.5.31基発331号: the 法定休日 is the calendar day; its minutes skip every counter.
        workday.legalHoliday += b - a;
        workday.lateNightOnLegalHoliday += lateNight;
      } else {
        const length = b - a;
        const withinDay = Math.min(length, Math.max(0, dayLimit - workday.dayCount));
        workday.dayCount += length;
        const week = weekCount.get(weekKey) ?? 0;
        const withinWeek = Math.min(withinDay, Math.max(0, weekLimit - week));
        // Only minutes within the day's 8 h feed the week, so daily OT is never counted twice [18][19].
        weekCount.set(weekKey, week + withinDay);
        let ordinary = withinWeek;
        if (variable) {
          // §4.2 step 3: what neither the day nor the week made OT counts toward the period's frame.
          const counted = periodCount.get(workday.payPeriod) ?? 0;
          ordinary = Math.min(withinWeek, Math.max(0, variable.frame(workday.payPeriod) - counted));
          periodCount.set(workday.payPeriod, counted + withinWeek);
        }
        workday.overtimeByDay += length - withinDay;
        workday.overtimeByWeek += withinDay - withinWeek;
        workday.overtimeByPeriod += withinWeek - ordinary;
        // Period, weekly then daily OT (the rest of the piece) form one run.
        const overtimeStart = a + ordinary;
        if (overtimeStart < b) {
          const overtime = b - overtimeStart;
          const month = monthOvertime.get(workday.payPeriod) ?? 0;
          const upTo60h = Math.min(overtime, Math.max(0, tierThreshold - month));
          monthOvertime.set(workday.payPeriod, month + overtime);
          workday.overtime += overtime;
          workday.overtimeOver60h += overtime - upTo60h;
          workday.lateNightOnOvertime += calendar.lateNightMinutes(overtimeStart, b);
          workday.lateNightOnOvertimeOver60h += calendar.lateNightMinutes(overtimeStart + upTo60h, b);
        }
      }
      a = b;
    }
  }
  // §4.2: a plan beyond the period's frame is itself unlawful; flagged on the period's first day.
  if (variable) {
    for (let key = calendar.payPeriodOf(from); key <= calendar.payPeriodOf(to); key++) {
      if (variable.periodScheduled(key) > variable.frame(key)) {
        warnings.push(calendar.payPeriodBounds(key).first * 4 + VARIABLE_FRAME_EXCEEDED);
      }
    }
  }

  // §4 step 5, the count pass per 勤務 of the period.
  let totalWorked = 0;
  let totalScheduledWithin = 0;
  let totalStatutoryWithinOvertime = 0;
  let totalOvertime = 0;
  let totalOvertimeOver60h = 0;
  let totalInsideSchedule = 0;
  let totalLateNight = 0;
  let totalLateNightOnOvertime = 0;
  let totalLateNightOnOvertimeOver60h = 0;
  let totalLateNightOnLegalHoliday = 0;
  let totalLegalHoliday = 0;
  let totalLate = 0;
  let totalEarlyLeave = 0;
  let totalPrivateOut = 0;
  const overtimeSteps: OvertimeSteps = { day: 0, week: 0, period: 0 };
  for (const workday of workdays.values()) {
    // 労基法34条: over 6 h needs 45 min, over 8 h needs 60 min; gaps between pairs count as rest.
    const spans = workday.spans;
    const firstIn = spans[0]!;
    const lastOut = spans[spans.length - 1]!;
    const required = workday.worked > 480 ? 60 : workday.worked > 360 ? 45 : 0;
    if (lastOut - firstIn - workday.worked < required) warnings.push(workday.date * 4 + BREAK_SHORTAGE);
    if (workday.date < from || workday.date > to) continue;

    const schedule = calendar.scheduleOf(workday.date);
    let late = 0;
    let earlyLeave = 0;
    let privateOut = 0;
    let scheduledMinutes = 0;
    if (schedule !== null) {
      const base = workday.date * MINUTES_PER_DAY;
      scheduledMinutes = schedule.minutes;
      // §8: measured in 1-minute units on scheduled working time only, scheduled breaks excluded.
      late = scheduledMinutesIn(schedule, base, Number.NEGATIVE_INFINITY, firstIn);
      earlyLeave = scheduledMinutesIn(schedule, base, lastOut, Number.POSITIVE_INFINITY);
      for (let i = 1; i + 1 < spans.length; i += 2) {
        privateOut += scheduledMinutesIn(schedule, base, spans[i]!, spans[i + 1]!);
      }
    }
    const nonHoliday = workday.worked - workday.legalHoliday;
    const scheduledWithin = Math.min(
      nonHoliday,
      Math.max(0, scheduledMinutes - late - earlyLeave - privateOut),
    );
    const outsideSchedule = nonHoliday - scheduledWithin;
    // OT comes out of 所定外 first; the rest out of 所定内 (weekly OT on a scheduled day).
    const insideSchedule = Math.max(0, workday.overtime - outsideSchedule);

    totalWorked += workday.worked;
    totalScheduledWithin += scheduledWithin - insideSchedule;
    totalStatutoryWithinOvertime += Math.max(0, outsideSchedule - workday.overtime);
    totalOvertime += workday.overtime;
    totalOvertimeOver60h += workday.overtimeOver60h;
    overtimeSteps.day += workday.overtimeByDay;
    overtimeSteps.week += workday.overtimeByWeek;
    overtimeSteps.period += workday.overtimeByPeriod;
    totalInsideSchedule += insideSchedule;
    totalLateNight += workday.lateNight;
    totalLateNightOnOvertime += workday.lateNightOnOvertime;
    totalLateNightOnOvertimeOver60h += workday.lateNightOnOvertimeOver60h;
    totalLateNightOnLegalHoliday += workday.lateNightOnLegalHoliday;
    totalLegalHoliday += workday.legalHoliday;
    totalLate += late;
    totalEarlyLeave += earlyLeave;
    totalPrivateOut += privateOut;
  }

  // §4 step 6 and §8: 欠勤 is a scheduled day with no 勤務 (an incomplete one counts as one) and no
  // leave. A half day of leave also keeps the day off the count: §4.6 and §8 say "no leave", and a
  // whole-day absence there would let payroll deduct the half that was paid leave (全額払い, 24条).
  // paidLeaveDays sums the leaves of the period (kept in halves, so exact).
  let absenceDays = 0;
  let periodLeaveHalves = 0;
  for (let day = from; day <= to; day++) {
    const halves = leaveHalves.get(day) ?? 0;
    periodLeaveHalves += halves;
    if (
      halves === 0 &&
      !workdays.has(day) &&
      !incompleteByDate.has(day) &&
      calendar.scheduleOf(day) !== null
    ) {
      absenceDays += 1;
    }
  }

  const incomplete: IncompleteWorkday[] = [];
  if (incompleteByDate.size > 0) {
    for (const date of [...incompleteByDate.keys()].sort((x, y) => x - y)) {
      if (date < from || date > to) continue;
      for (const code of incompleteByDate.get(date)!) incomplete.push({ date: formatDate(date), code });
    }
  }

  const warningList: string[] = [];
  warnings.sort((x, y) => x - y);
  for (let i = 0; i < warnings.length; i++) {
    const key = warnings[i]!;
    if (i > 0 && warnings[i - 1] === key) continue;
    const date = Math.floor(key / 4);
    if (date >= from && date <= to) warningList.push(`${WARNING_CODES[key - date * 4]}@${formatDate(date)}`);
  }

  const result: AttendanceTotals = {
    worked: totalWorked,
    scheduledWithin: totalScheduledWithin,
    statutoryWithinOvertime: totalStatutoryWithinOvertime,
    statutoryOvertime: totalOvertime,
    statutoryOvertimeUpTo60h: totalOvertime - totalOvertimeOver60h,
    statutoryOvertimeOver60h: totalOvertimeOver60h,
    statutoryOvertimeInsideSchedule: totalInsideSchedule,
    lateNight: totalLateNight,
    lateNightOnStatutoryOvertime: totalLateNightOnOvertime,
    lateNightOnStatutoryOvertimeOver60h: totalLateNightOnOvertimeOver60h,
    lateNightOnLegalHoliday: totalLateNightOnLegalHoliday,
    legalHolidayWork: totalLegalHoliday,
    late: totalLate,
    earlyLeave: totalEarlyLeave,
    privateOut: totalPrivateOut,
    absenceDays,
    paidLeaveDays: periodLeaveHalves / 2,
    incomplete,
    warnings: warningList,
    agreement36: {
      overtimeMinutes: totalOvertime,
      overtimePlusLegalHolidayMinutes: totalOvertime + totalLegalHoliday,
      exceeds45h: totalOvertime > 45 * 60,
      reaches100h: totalOvertime + totalLegalHoliday >= 100 * 60,
    },
  };
  if (calendar.roundingOn) {
    let rawWorked = 0;
    for (const [date, minutes] of rawWorkedByDate) {
      if (date >= from && date <= to && !incompleteByDate.has(date)) rawWorked += minutes;
    }
    result.rawWorked = rawWorked;
  }
  if (calendar.monthlyHalfHour) {
    // 昭和63.3.14基発150号: only the monthly totals of 時間外, 休日 and 深夜, each separately; never
    // 所定内 or 法定内残業.
    result.rounded = {
      statutoryOvertime: roundHalfHour(result.statutoryOvertime),
      statutoryOvertimeUpTo60h: roundHalfHour(result.statutoryOvertimeUpTo60h),
      statutoryOvertimeOver60h: roundHalfHour(result.statutoryOvertimeOver60h),
      legalHolidayWork: roundHalfHour(result.legalHolidayWork),
      lateNight: roundHalfHour(result.lateNight),
    };
  }
  const variablePeriods: VariablePeriod[] = [];
  if (variable) {
    for (let key = calendar.payPeriodOf(from); key <= calendar.payPeriodOf(to); key++) {
      const { first, last } = calendar.payPeriodBounds(key);
      variablePeriods.push({
        from: formatDate(first),
        to: formatDate(last),
        frameMinutes: variable.frame(key),
        scheduledMinutes: variable.periodScheduled(key),
      });
    }
  }
  return { totals: result, overtimeSteps, variablePeriods };
}
