import type { RouteOutput, api as routes } from '@timecard/contract';

/** 勤務ルール as the API stores them (docs/api.md, labor-rules.md §12 minus timezone/nationalHolidays). */

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export type RoundingMode = 'none' | 'ceil' | 'floor' | 'nearest';
export const ROUNDING_MODES: RoundingMode[] = ['none', 'ceil', 'floor', 'nearest'];
export const ROUNDING_UNITS = [1, 5, 10, 15, 30] as const;

export interface WorkSchedule {
  start: string;
  end: string;
  breaks: [string, string][];
}

export interface WorkRules {
  weekStart: Weekday;
  legalHoliday: Weekday | null;
  scheduledHolidays: Weekday[];
  nationalHolidayIsScheduledHoliday: boolean;
  schedule: {
    default: WorkSchedule | null;
    byWeekday: Partial<Record<Weekday, WorkSchedule | null>>;
    byDate: Record<string, WorkSchedule | null>;
  };
  scheduledDailyMinutes: number;
  dailyLimitMinutes: number;
  weeklyLimitMinutes: number;
  lateNight: { start: string; end: string };
  overtimeTierThresholdMinutes: number;
  monthStartDay: number;
  breakMode: 'punched' | 'scheduled';
  rounding: { unit: 1 | 5 | 10 | 15 | 30; clockIn: RoundingMode; clockOut: RoundingMode };
  monthlyRounding: 'none' | 'half_hour';
  /** 労働時間制: absent or null 通常, monthly 1か月単位の変形労働時間制 (labor-rules.md §4.2). */
  variableWorkingHours?: { kind: 'monthly' } | null;
  dayBoundary: string;
  /** シフト丸め for シフト制 staff (丸める / 打刻実績のみ丸める / 丸めない) and its unit. */
  shiftRounding?: { mode: ShiftRoundingMode; unit: 5 | 10 | 15 | 30 | 60 };
}

export type ShiftRoundingMode = 'round' | 'punches_only' | 'none';

/** GET/PUT /settings/work-rules, /offices/{id}/work-rules, /staff/{id}/work-rules (the contract). */
export type WorkRulesAnswer = RouteOutput<typeof routes.timecards.getContractRules>;

/** The 44-hour week of 特例措置対象事業場 (労基法施行規則25条の2) against the usual 40 hours. */
export const WEEKLY_LIMIT_SPECIAL = 44 * 60;
export const WEEKLY_LIMIT_USUAL = 40 * 60;

/** The parts of the form, each stored as one key of WorkRules (an office or a person overrides whole keys). */
export const GROUPS = [
  'schedule',
  'scheduledHolidays',
  'legalHoliday',
  'weekStart',
  'monthStartDay',
  'dayBoundary',
  'rounding',
  'monthlyRounding',
  'weeklyLimitMinutes',
  'variableWorkingHours',
  'shiftRounding',
  'nationalHolidayIsScheduledHoliday',
] as const;
export type Group = (typeof GROUPS)[number];

export interface BreakValues {
  start: string;
  end: string;
}

export interface DayValues {
  mode: 'default' | 'custom' | 'off';
  start: string;
  end: string;
  breaks: BreakValues[];
}

export interface FormValues {
  override: Record<Group, boolean>;
  start: string;
  end: string;
  breaks: BreakValues[];
  byWeekday: Record<Weekday, DayValues>;
  scheduledHolidays: Weekday[];
  legalHoliday: Weekday | 'none';
  weekStart: Weekday;
  monthStartDay: string;
  dayBoundary: string;
  roundingUnit: string;
  clockIn: RoundingMode;
  clockOut: RoundingMode;
  monthlyRounding: boolean;
  special44: boolean;
  workingTimeSystem: 'normal' | 'monthly';
  shiftRoundingMode: ShiftRoundingMode;
  shiftRoundingUnit: string;
  nationalHolidayIsScheduledHoliday: boolean;
}

const breaksOf = (schedule: WorkSchedule | null | undefined): BreakValues[] =>
  (schedule?.breaks ?? []).map(([start, end]) => ({ start, end }));

/** The form for a level: each part shows the level's own value, or the inherited one. */
export function formValuesOf(
  level: WorkRulesAnswer['level'],
  overrides: Partial<WorkRules>,
  inherited: WorkRules,
): FormValues {
  const rules = { ...inherited, ...overrides } as WorkRules;
  const def = rules.schedule.default;
  const byWeekday = {} as Record<Weekday, DayValues>;
  for (const day of WEEKDAYS) {
    const own = rules.schedule.byWeekday[day];
    byWeekday[day] =
      own === undefined
        ? { mode: 'default', start: def?.start ?? '', end: def?.end ?? '', breaks: breaksOf(def) }
        : own === null
          ? { mode: 'off', start: def?.start ?? '', end: def?.end ?? '', breaks: breaksOf(def) }
          : { mode: 'custom', start: own.start, end: own.end, breaks: breaksOf(own) };
  }
  const override = {} as Record<Group, boolean>;
  for (const group of GROUPS) override[group] = level === 'contract' || overrides[group] !== undefined;
  return {
    override,
    start: def?.start ?? '',
    end: def?.end ?? '',
    breaks: breaksOf(def),
    byWeekday,
    scheduledHolidays: [...rules.scheduledHolidays],
    legalHoliday: rules.legalHoliday ?? 'none',
    weekStart: rules.weekStart,
    monthStartDay: String(rules.monthStartDay),
    dayBoundary: rules.dayBoundary,
    roundingUnit: String(rules.rounding.unit),
    clockIn: rules.rounding.clockIn,
    clockOut: rules.rounding.clockOut,
    monthlyRounding: rules.monthlyRounding === 'half_hour',
    special44: rules.weeklyLimitMinutes === WEEKLY_LIMIT_SPECIAL,
    workingTimeSystem: rules.variableWorkingHours?.kind === 'monthly' ? 'monthly' : 'normal',
    shiftRoundingMode: rules.shiftRounding?.mode ?? 'none',
    shiftRoundingUnit: String(rules.shiftRounding?.unit ?? 15),
    nationalHolidayIsScheduledHoliday: rules.nationalHolidayIsScheduledHoliday,
  };
}

const toPairs = (breaks: BreakValues[]): [string, string][] =>
  breaks.filter((b) => b.start || b.end).map((b) => [b.start, b.end]);

/**
 * The PUT body of a level: its earlier overrides of keys this form does not show (lateNight,
 * byDate …) kept as they were, and each part of the form that the level sets itself.
 */
export function overridesOf(
  values: FormValues,
  previous: Partial<WorkRules>,
  inherited: WorkRules,
): Partial<WorkRules> {
  const result: Partial<WorkRules> = { ...previous };
  for (const group of GROUPS) delete result[group];
  const set = <K extends Group>(group: K, value: WorkRules[K]) => {
    if (values.override[group]) result[group] = value;
  };
  const byWeekday: Partial<Record<Weekday, WorkSchedule | null>> = {};
  for (const day of WEEKDAYS) {
    const v = values.byWeekday[day];
    if (v.mode === 'off') byWeekday[day] = null;
    else if (v.mode === 'custom') byWeekday[day] = { start: v.start, end: v.end, breaks: toPairs(v.breaks) };
  }
  set('schedule', {
    default:
      values.start || values.end
        ? { start: values.start, end: values.end, breaks: toPairs(values.breaks) }
        : null,
    byWeekday,
    byDate: (previous.schedule ?? inherited.schedule).byDate ?? {},
  });
  set(
    'scheduledHolidays',
    WEEKDAYS.filter((d) => values.scheduledHolidays.includes(d)),
  );
  set('legalHoliday', values.legalHoliday === 'none' ? null : values.legalHoliday);
  set('weekStart', values.weekStart);
  set('monthStartDay', Number(values.monthStartDay));
  set('dayBoundary', values.dayBoundary);
  set('rounding', {
    unit: Number(values.roundingUnit) as WorkRules['rounding']['unit'],
    clockIn: values.clockIn,
    clockOut: values.clockOut,
  });
  set('monthlyRounding', values.monthlyRounding ? 'half_hour' : 'none');
  set('weeklyLimitMinutes', values.special44 ? WEEKLY_LIMIT_SPECIAL : WEEKLY_LIMIT_USUAL);
  set('variableWorkingHours', values.workingTimeSystem === 'monthly' ? { kind: 'monthly' } : null);
  set('shiftRounding', {
    mode: values.shiftRoundingMode,
    unit: Number(values.shiftRoundingUnit) as NonNullable<WorkRules['shiftRounding']>['unit'],
  });
  set('nationalHolidayIsScheduledHoliday', values.nationalHolidayIsScheduledHoliday);
  return result;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/**
 * The first problem of a schedule, as a message key: times HH:mm, and each break inside the span
 * (a span with end ≤ start ends the next day) — the engine refuses anything else.
 */
export function scheduleProblem(start: string, end: string, breaks: BreakValues[]): string | null {
  if (!TIME.test(start) || !TIME.test(end)) return 'time';
  const from = minutesOf(start);
  const to = minutesOf(end) <= from ? minutesOf(end) + 1440 : minutesOf(end);
  for (const pause of breaks) {
    if (!pause.start && !pause.end) continue;
    if (!TIME.test(pause.start) || !TIME.test(pause.end)) return 'time';
    // Both ends read within the 24 hours from the start (a night shift's break after midnight).
    const s = minutesOf(pause.start) < from ? minutesOf(pause.start) + 1440 : minutesOf(pause.start);
    const e = minutesOf(pause.end) <= from ? minutesOf(pause.end) + 1440 : minutesOf(pause.end);
    if (e <= s || e > to) return 'breakOutside';
  }
  return null;
}

/** Whether punch rounding can cut real minutes: 出勤 rounded later or 退勤 rounded earlier (§9). */
export function roundingCutsWork(clockIn: RoundingMode, clockOut: RoundingMode): boolean {
  return clockIn === 'ceil' || clockIn === 'nearest' || clockOut === 'floor' || clockOut === 'nearest';
}

export { TIME as TIME_PATTERN };
