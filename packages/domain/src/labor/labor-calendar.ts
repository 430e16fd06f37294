import { LaborInputError } from './labor-error.ts';
import { type LaborSettings, LaborSettingsSchema, type WorkSchedule } from './labor-settings.schema.ts';
import {
  civilFromDays,
  daysFromCivil,
  MINUTES_PER_DAY,
  parseClockTime,
  parseIsoDate,
  WEEKDAYS,
  type Weekday,
  weekdayOf,
} from './wall-time.ts';

/**
 * A day's 所定労働時間 in minutes from that work date's 00:00. `end` may exceed 1440 (overnight).
 * `breaks` and `windows` are flat `[start0, end0, start1, end1, …]` lists, sorted and disjoint.
 */
export interface ScheduleTemplate {
  readonly start: number;
  readonly end: number;
  readonly breaks: readonly number[];
  /** The span minus the scheduled breaks: the minutes late / earlyLeave / privateOut are measured on. */
  readonly windows: readonly number[];
  /** SM of labor-rules.md §4.5: span minus scheduled breaks. */
  readonly minutes: number;
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
  return out;
}

/**
 * Turns a validated schedule into minutes. Decision on "end before start" (issue 4 vs §12): a schedule
 * with `end < start` is an overnight shift and valid (§12). What is rejected as malformed is
 * `end == start` (a 24 h span cannot be told from a typo, and 24 h of 所定 would need 変形労働時間制,
 * out of scope per §11), a break outside the span, an empty break and overlapping breaks.
 */
export function compileSchedule(schedule: WorkSchedule, field: string): ScheduleTemplate {
  const start = parseClockTime(schedule.start, `${field}.start`);
  const endOfDay = parseClockTime(schedule.end, `${field}.end`);
  if (endOfDay === start) {
    throw new LaborInputError(
      'invalid_schedule',
      `${field}.end`,
      `end ${schedule.end} equals start: a schedule must end after it starts (end < start means the next day)`,
    );
  }
  const end = endOfDay < start ? endOfDay + MINUTES_PER_DAY : endOfDay;
  // A break time earlier than the start belongs to the next day of an overnight schedule.
  const place = (minute: number) => (minute < start ? minute + MINUTES_PER_DAY : minute);
  const breaks = schedule.breaks
    .map(([from, to], i) => {
      const s = place(parseClockTime(from, `${field}.breaks[${i}][0]`));
      const e = place(parseClockTime(to, `${field}.breaks[${i}][1]`));
      if (!(s < e && e <= end)) {
        throw new LaborInputError(
          'invalid_schedule',
          `${field}.breaks[${i}]`,
          `break ${from}–${to} is empty or outside the schedule ${schedule.start}–${schedule.end}`,
        );
      }
      return { s, e, i };
    })
    .sort((a, b) => a.s - b.s);
  const flatBreaks: number[] = [];
  const windows: number[] = [];
  let cursor = start;
  for (const b of breaks) {
    if (b.s < cursor) {
      throw new LaborInputError('invalid_schedule', `${field}.breaks[${b.i}]`, 'breaks overlap');
    }
    if (b.s > cursor) windows.push(cursor, b.s);
    flatBreaks.push(b.s, b.e);
    cursor = b.e;
  }
  if (cursor < end) windows.push(cursor, end);
  let minutes = 0;
  for (let i = 0; i < windows.length; i += 2) minutes += windows[i + 1]! - windows[i]!;
  return { start, end, breaks: flatBreaks, windows, minutes };
}

/**
 * Validates settings (zod, strict) and precomputes what the engine asks per day: the schedule, the
 * week, the pay period and the 深夜 minutes. Throws {@link LaborInputError} naming the field.
 */
export class LaborCalendar {
  readonly settings: LaborSettings;
  readonly weekStart: number;
  /** Weekday of the 法定休日, or null for the "later worked 所定休日" rule of §6. */
  readonly legalHolidayWeekday: number | null;
  readonly dailyLimit: number;
  readonly weeklyLimit: number;
  readonly tierThreshold: number;
  readonly monthStartDay: number;
  readonly scheduledBreaks: boolean;
  readonly roundingUnit: number;
  readonly clockInRounding: LaborSettings['rounding']['clockIn'];
  readonly clockOutRounding: LaborSettings['rounding']['clockOut'];
  /** True when a punch-rounding mode is set: the output then carries `rawWorked`. */
  readonly roundingOn: boolean;
  readonly monthlyHalfHour: boolean;
  /** §4.2: the 1か月単位の変形労働時間制, over the pay period. */
  readonly variableMonthly: boolean;

  private readonly byDate = new Map<number, ScheduleTemplate | null>();
  private readonly byWeekday: (ScheduleTemplate | null | undefined)[] = [];
  private readonly defaultSchedule: ScheduleTemplate | null;
  private readonly holidayWeekdays: boolean[] = [];
  private readonly nationalHolidays = new Set<number>();
  private readonly lateNightStart: number;
  private readonly lateNightEnd: number;
  private readonly lateNightPerDay: number;
  // Per-day answers, memoised: the calendar is reused across every staff member of a settings object.
  private readonly scheduleMemo = new Map<number, ScheduleTemplate | null>();
  private readonly payPeriodMemo = new Map<number, number>();

  constructor(raw: unknown) {
    const parsed = LaborSettingsSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      if (issue.code === 'unrecognized_keys') {
        const field = `settings${formatPath([...issue.path, issue.keys[0] ?? ''])}`;
        throw new LaborInputError(
          'unknown_setting',
          field,
          `unknown setting ${JSON.stringify(issue.keys[0])}`,
        );
      }
      throw new LaborInputError('invalid_setting', `settings${formatPath(issue.path)}`, issue.message);
    }
    const s = parsed.data;
    this.settings = s;
    this.weekStart = WEEKDAYS.indexOf(s.weekStart);
    this.legalHolidayWeekday = s.legalHoliday === null ? null : WEEKDAYS.indexOf(s.legalHoliday);
    this.dailyLimit = s.dailyLimitMinutes;
    this.weeklyLimit = s.weeklyLimitMinutes;
    this.tierThreshold = s.overtimeTierThresholdMinutes;
    this.monthStartDay = s.monthStartDay;
    this.scheduledBreaks = s.breakMode === 'scheduled';
    this.roundingUnit = s.rounding.unit;
    this.clockInRounding = s.rounding.clockIn;
    this.clockOutRounding = s.rounding.clockOut;
    this.roundingOn = s.rounding.clockIn !== 'none' || s.rounding.clockOut !== 'none';
    this.monthlyHalfHour = s.monthlyRounding === 'half_hour';
    this.variableMonthly = s.variableWorkingHours?.kind === 'monthly';

    this.defaultSchedule =
      s.schedule.default === null ? null : compileSchedule(s.schedule.default, 'settings.schedule.default');
    for (let w = 0; w < 7; w++) {
      const name = WEEKDAYS[w] as Weekday;
      const entry = s.schedule.byWeekday[name];
      this.byWeekday.push(
        entry === undefined
          ? undefined
          : entry === null
            ? null
            : compileSchedule(entry, `settings.schedule.byWeekday.${name}`),
      );
      this.holidayWeekdays.push(s.scheduledHolidays.includes(name));
    }
    for (const [date, entry] of Object.entries(s.schedule.byDate)) {
      const field = `settings.schedule.byDate.${date}`;
      this.byDate.set(parseIsoDate(date, field), entry === null ? null : compileSchedule(entry, field));
    }
    s.nationalHolidays.forEach((date, i) => {
      this.nationalHolidays.add(parseIsoDate(date, `settings.nationalHolidays[${i}]`));
    });

    this.lateNightStart = parseClockTime(s.lateNight.start, 'settings.lateNight.start');
    this.lateNightEnd = parseClockTime(s.lateNight.end, 'settings.lateNight.end');
    if (this.lateNightStart === this.lateNightEnd) {
      throw new LaborInputError('invalid_setting', 'settings.lateNight.end', 'the 深夜 window is empty');
    }
    this.lateNightPerDay = this.lateNightInDay(MINUTES_PER_DAY);
  }

  /**
   * The 所定労働時間 of a work date, or null for a day without scheduled work (a 所定休日).
   * Precedence: `byDate` (an explicit decision for that date) › 所定休日 (the weekday is in
   * `scheduledHolidays`, or a 祝日 with `nationalHolidayIsScheduledHoliday`) › `byWeekday` › `default`.
   */
  scheduleOf(day: number): ScheduleTemplate | null {
    const known = this.scheduleMemo.get(day);
    if (known !== undefined) return known;
    if (this.scheduleMemo.size > 100_000) this.scheduleMemo.clear();
    const schedule = this.resolveSchedule(day);
    this.scheduleMemo.set(day, schedule);
    return schedule;
  }

  private resolveSchedule(day: number): ScheduleTemplate | null {
    const explicit = this.byDate.get(day);
    if (explicit !== undefined) return explicit;
    const weekday = weekdayOf(day);
    if (this.holidayWeekdays[weekday]) return null;
    if (this.settings.nationalHolidayIsScheduledHoliday && this.nationalHolidays.has(day)) return null;
    const byWeekday = this.byWeekday[weekday];
    return byWeekday === undefined ? this.defaultSchedule : byWeekday;
  }

  /** First day of the week containing `day`, per `weekStart` (§1: weeks run straight across months). */
  weekOf(day: number): number {
    return day - ((weekdayOf(day) - this.weekStart + 7) % 7);
  }

  /** Pay-period key (year·12 + month index of the period's first day), per `monthStartDay` (§1). */
  payPeriodOf(day: number): number {
    const known = this.payPeriodMemo.get(day);
    if (known !== undefined) return known;
    if (this.payPeriodMemo.size > 100_000) this.payPeriodMemo.clear();
    const c = civilFromDays(day);
    const key = c.year * 12 + c.month - 1;
    const period = c.day >= this.monthStartDay ? key : key - 1;
    this.payPeriodMemo.set(day, period);
    return period;
  }

  /** First and last day of a pay period (a key of payPeriodOf). */
  payPeriodBounds(key: number): { first: number; last: number } {
    const year = Math.floor(key / 12);
    const month = key - year * 12 + 1;
    const first = daysFromCivil(year, month, this.monthStartDay);
    const next =
      month === 12
        ? daysFromCivil(year + 1, 1, this.monthStartDay)
        : daysFromCivil(year, month + 1, this.monthStartDay);
    return { first, last: next - 1 };
  }

  private lateNightInDay(minuteOfDay: number): number {
    const s = this.lateNightStart;
    const e = this.lateNightEnd;
    if (s < e) return Math.max(0, Math.min(minuteOfDay, e) - s);
    // A window across midnight (22:00–05:00) is [00:00, end) plus [start, 24:00) of every day.
    return Math.min(minuteOfDay, e) + Math.max(0, minuteOfDay - s);
  }

  /** 深夜 minutes (labor-rules.md §4 step 4, 22:00–05:00 by default) inside `[from, to)`. O(1). */
  lateNightMinutes(from: number, to: number): number {
    return this.lateNightBefore(to) - this.lateNightBefore(from);
  }

  private lateNightBefore(minute: number): number {
    const day = Math.floor(minute / MINUTES_PER_DAY);
    return day * this.lateNightPerDay + this.lateNightInDay(minute - day * MINUTES_PER_DAY);
  }
}

/** Deep equality of JSON-like values (settings are plain data). */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if (!Object.hasOwn(b, key)) return false;
    if (!sameData((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}

const cache = new WeakMap<object, { snapshot: unknown; calendar: LaborCalendar }>();

/**
 * {@link LaborCalendar} for `raw`, reused while the same settings object is passed unchanged (a
 * payroll run aggregates thousands of staff with one office's settings). A deep copy taken at
 * compile time guards against a caller mutating the object between calls.
 */
export function compileLaborSettings(raw: unknown): LaborCalendar {
  if (typeof raw !== 'object' || raw === null) return new LaborCalendar(raw);
  const hit = cache.get(raw);
  if (hit !== undefined && sameData(raw, hit.snapshot)) return hit.calendar;
  const calendar = new LaborCalendar(raw);
  // Validated by now, so plain JSON data: structuredClone cannot meet a function or a cycle.
  cache.set(raw, { snapshot: structuredClone(raw), calendar });
  return calendar;
}
