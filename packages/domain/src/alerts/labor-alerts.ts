import { z } from 'zod';
import { DateSchema, MonthSchema, textSchema } from '../input/input.schema.ts';
import {
  type Agreement36Config,
  type Agreement36ViolationCode,
  checkAgreement36,
} from '../labor/agreement36.ts';
import type { AttendanceEvent } from '../labor/punch-segments.ts';
import { parseIsoDate, parseWallTime } from '../labor/wall-time.ts';
import { shiftDate } from '../work-rules/work-rules.ts';

/** 違反 / 警告 / 注意, most serious first. */
export const ALERT_SEVERITIES = ['violation', 'warning', 'notice'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/** Alerts of one day (or week) of one person, kept with the month's totals. */
export const DAY_ALERT_CODES = [
  'BREAK_SHORTAGE',
  'MISSING_CLOCK_OUT',
  'MISSING_BREAK_END',
  'INTERVAL_SHORT',
  'CONSECUTIVE_WORKDAYS',
  'STUDENT_WEEK_OVER_28H',
  'STUDENT_WEEK_OVER_40H',
  'STUDENT_DAY_OVER_8H',
  'PAID_LEAVE_FIVE_DAYS_AT_RISK',
] as const;
export type DayAlertCode = (typeof DAY_ALERT_CODES)[number];

/** Alerts of a month of one person: the §7 codes of labor-rules.md and the contract's own lines. */
export const MONTH_ALERT_CODES = [
  'SINGLE_MONTH_100H_OR_MORE',
  'MULTI_MONTH_AVERAGE_OVER_80H',
  'SPECIAL_MONTHS_OVER_45H_EXCEEDED',
  'SPECIAL_YEAR_OVER_720H',
  'BASIC_MONTH_OVER_45H',
  'BASIC_YEAR_OVER_360H',
  'AGREEMENT_MONTH_LIMIT_EXCEEDED',
  'AGREEMENT_YEAR_LIMIT_EXCEEDED',
  'MONTH_LIMIT_NEAR',
  'YEAR_LIMIT_NEAR',
  'MONTH_END_PROJECTION',
] as const satisfies readonly (Agreement36ViolationCode | string)[];
export type MonthAlertCode = (typeof MONTH_ALERT_CODES)[number];
export type LaborAlertCode = DayAlertCode | MonthAlertCode;

const VIOLATIONS = new Set<LaborAlertCode>([
  'SINGLE_MONTH_100H_OR_MORE',
  'MULTI_MONTH_AVERAGE_OVER_80H',
  'SPECIAL_MONTHS_OVER_45H_EXCEEDED',
  'SPECIAL_YEAR_OVER_720H',
  'BASIC_MONTH_OVER_45H',
  'BASIC_YEAR_OVER_360H',
  'AGREEMENT_MONTH_LIMIT_EXCEEDED',
  'AGREEMENT_YEAR_LIMIT_EXCEEDED',
  // 入管法施行規則19条5項: 28 h a week (40 h / 8 h a day in long vacations) for a 留学生.
  'STUDENT_WEEK_OVER_28H',
  'STUDENT_WEEK_OVER_40H',
  'STUDENT_DAY_OVER_8H',
]);
// 勤務間インターバル is an 努力義務 (労働時間等設定改善法2条) and 未打刻 a record to complete: 注意.
const NOTICES = new Set<LaborAlertCode>(['MISSING_CLOCK_OUT', 'MISSING_BREAK_END', 'INTERVAL_SHORT']);

/** 違反 for a breach of the law or the contract's agreement, 注意 for records to look at, else 警告. */
export function alertSeverity(code: LaborAlertCode): AlertSeverity {
  if (VIOLATIONS.has(code)) return 'violation';
  if (NOTICES.has(code)) return 'notice';
  return 'warning';
}

/** A day alert as stored with the month's totals. */
export interface DayAlert {
  code: DayAlertCode;
  /** The day (for a week: its first day). */
  date: string;
  /** The figure: rest minutes, worked minutes of the week or day, or a count of days. */
  minutes?: number;
  days?: number;
  limitMinutes?: number;
  limitDays?: number;
}

/** A month alert of one person. */
export interface MonthAlert {
  code: MonthAlertCode;
  month: string;
  minutes?: number;
  count?: number;
  windowMonths?: number;
  averageMinutes?: number;
  limitMinutes?: number;
  /** MONTH_END_PROJECTION: the month-end 時間外 at the month-to-date pace. */
  projectedMinutes?: number;
}

// ───────────────────────────── settings ─────────────────────────────

const VacationSchema = z
  .object({ from: DateSchema, to: DateSchema })
  .refine((v) => v.from <= v.to, { message: 'date_invalid', path: ['to'] });

/** 36協定 and alert settings of a contract (設定 > 労務アラート, `timecard agreement36 set`). */
export const LaborAlertSettingsSchema = z.object({
  agreementStartMonth: MonthSchema,
  specialClause: z.boolean(),
  /** The contract's own monthly line for 時間外, minutes (may be under the law's 45 h). */
  monthLimitMinutes: z.number().int().min(0).max(6000),
  yearLimitMinutes: z.number().int().min(0).max(43200),
  /** Warn at this percentage of a limit. */
  warningPercent: z.number().int().min(1).max(100),
  /** 連続勤務: warn when this many days in a row were worked (4週4休 at risk). */
  consecutiveDays: z.number().int().min(2).max(60),
  /** 勤務間インターバル, minutes (default 11 h). */
  intervalMinutes: z.number().int().min(0).max(1440),
  /** 留学生 long-vacation periods. */
  longVacations: z.array(VacationSchema).max(20),
});
export type LaborAlertSettings = z.infer<typeof LaborAlertSettingsSchema>;

/** The settings as saved: with the staff flagged 留学生. */
export const LaborAlertSettingsInputSchema = LaborAlertSettingsSchema.extend({
  studentStaffIds: z.array(z.number().int().min(1)).max(10000),
});

/** 労務アラート's filters: months (default the agreement year so far), office, person, severity. */
export const AlertQuerySchema = z.object({
  from: MonthSchema.optional(),
  to: MonthSchema.optional(),
  officeId: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
  staffId: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
  severity: z.enum(ALERT_SEVERITIES).optional(),
  acknowledged: z.enum(['yes', 'no']).optional(),
});
export type AlertQuery = z.infer<typeof AlertQuerySchema>;

/** 確認済 with a comment. */
export const AckSchema = z.object({
  key: textSchema()
    .min(1, { message: 'labor_alert_not_found' })
    .max(200, { message: 'labor_alert_not_found' }),
  comment: textSchema({ multiline: true }).max(500, { message: 'text_too_long' }).default(''),
});

/** The defaults: the law's basic lines (45 h / 360 h), warning at 80 %, 12 days, 11 h. */
export function defaultLaborAlertSettings(): LaborAlertSettings {
  return {
    agreementStartMonth: '2026-04',
    specialClause: false,
    monthLimitMinutes: 45 * 60,
    yearLimitMinutes: 360 * 60,
    warningPercent: 80,
    consecutiveDays: 12,
    intervalMinutes: 11 * 60,
    longVacations: [],
  };
}

// ───────────────────────────── day alerts ─────────────────────────────

const TIE_ORDER: Record<AttendanceEvent['type'], number> = {
  break_end: 0,
  clock_out: 1,
  clock_in: 2,
  break_start: 3,
};

/**
 * 勤務間インターバル: the rest between the last clock-out of one work date's 勤務 and the first
 * clock-in of a later one, when shorter than `minMinutes`, reported on the later work date.
 *
 * @example
 *   shortRestIntervals([{type:'clock_out',at:'2026-12-01T23:00'},{type:'clock_in',at:'2026-12-02T08:00'}],
 *     660, {from:'2026-12-01',to:'2026-12-31'}) // → [{ date: '2026-12-02', minutes: 540 }]
 */
export function shortRestIntervals(
  events: readonly AttendanceEvent[],
  minMinutes: number,
  period: { from: string; to: string },
): { date: string; minutes: number }[] {
  const before = (a: AttendanceEvent, b: AttendanceEvent) =>
    a.at === b.at ? TIE_ORDER[a.type] - TIE_ORDER[b.type] : a.at < b.at ? -1 : 1;
  // Every staff-month passes its events already in order: sorted only when they are not.
  let inOrder = true;
  for (let i = 1; i < events.length && inOrder; i++) inOrder = before(events[i - 1]!, events[i]!) <= 0;
  const sorted = inOrder ? events : [...events].sort(before);
  const found: { date: string; minutes: number }[] = [];
  let open = false;
  let workDate: string | undefined;
  let lastOut: string | undefined;
  for (const event of sorted) {
    if (event.type === 'clock_in') {
      const date = event.at.slice(0, 10);
      if (!open && lastOut && workDate !== undefined && date > workDate) {
        // Wall-clock minutes (parseWallTime reads no time zone): the difference is the minutes between.
        const rest = parseWallTime(event.at, 'at') - parseWallTime(lastOut, 'at');
        if (rest < minMinutes && date >= period.from && date <= period.to) {
          found.push({ date, minutes: rest });
        }
      }
      if (!open && (workDate === undefined || date > workDate)) workDate = date;
      open = true;
    } else if (event.type === 'clock_out' && open) {
      open = false;
      lastOut = event.at;
    }
  }
  return found;
}

/**
 * 連続勤務: the days of the period on which a run of worked days reaches `limitDays` (no 休日 in
 * that many days: 労基法35条's 4週4休 at risk), with the run's whole length. Earlier dates in
 * `workDates` count toward a run that reaches into the period.
 */
export function consecutiveWorkdays(
  workDates: Iterable<string>,
  limitDays: number,
  period: { from: string; to: string },
): { date: string; days: number }[] {
  // Day numbers of the worked dates in the window, ascending: only worked days are visited, and a
  // run breaks where two of them are not neighbours (every staff-month calls this, with its dates
  // mostly in order already: sorted only when they are not).
  const start = parseIsoDate(shiftDate(period.from, -limitDays), 'period.from');
  const end = parseIsoDate(period.to, 'period.to');
  let days: { date: string; n: number }[] = [];
  let inOrder = true;
  for (const date of workDates) {
    const n = parseIsoDate(date, 'workDates');
    if (n < start || n > end) continue;
    if (days.length > 0 && n < days[days.length - 1]!.n) inOrder = false;
    days.push({ date, n });
  }
  if (!inOrder) days = days.sort((a, b) => a.n - b.n);
  const found: { date: string; days: number }[] = [];
  let run = 0;
  let current: { date: string; days: number } | undefined;
  let previous = Number.NaN;
  for (const { date, n } of days) {
    if (n === previous) continue; // the same date twice
    if (n !== previous + 1) {
      run = 0;
      current = undefined;
    }
    previous = n;
    run += 1;
    if (current) current.days = run;
    else if (run >= limitDays && date >= period.from) {
      current = { date, days: run };
      found.push(current);
    }
  }
  return found;
}

/** 留学生: 40 h a week in a week wholly inside a long vacation, else 28 h (入管法施行規則19条5項). */
export function studentWeeklyLimit(
  week: { from: string; to: string },
  vacations: readonly { from: string; to: string }[],
): { limitMinutes: number; vacation: boolean } {
  const vacation = vacations.some((v) => v.from <= week.from && week.to <= v.to);
  return { limitMinutes: (vacation ? 40 : 28) * 60, vacation };
}

/** Whether a date lies in one of the long vacations (8 h a day applies then). */
export function inVacation(date: string, vacations: readonly { from: string; to: string }[]): boolean {
  return vacations.some((v) => v.from <= date && date <= v.to);
}

// ───────────────────────────── month alerts ─────────────────────────────

/**
 * The month-end 時間外 at the month-to-date pace: overtime so far × days of the period ÷ days over.
 * Null when no day of the period is over yet or the period has ended (nothing left to project).
 *
 * @example projectMonthEnd(1560, { from: '2026-12-01', to: '2026-12-31' }, '2026-12-15') // 3224 (53 h 44)
 */
export function projectMonthEnd(
  overtimeMinutes: number,
  period: { from: string; to: string },
  lastEnded: string,
): number | null {
  if (lastEnded < period.from || lastEnded >= period.to) return null;
  const days = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
  const total = days(period.to) - days(period.from) + 1;
  const elapsed = days(lastEnded) - days(period.from) + 1;
  return Math.round((overtimeMinutes * total) / elapsed);
}

/** One month of one person as the month alerts read it. */
export interface MonthFigures {
  month: string;
  overtimeMinutes: number;
  legalHolidayMinutes: number;
}

function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

/**
 * The month alerts of one person over `months`: every §7 violation of `checkAgreement36` (違反),
 * the contract's own lines when stricter than the law's, warnings at `warningPercent` of them, and,
 * for the month in progress, the projection when its pace would cross the monthly line.
 */
export function monthAlerts(
  settings: Pick<
    LaborAlertSettings,
    'agreementStartMonth' | 'specialClause' | 'monthLimitMinutes' | 'yearLimitMinutes' | 'warningPercent'
  >,
  months: readonly MonthFigures[],
  current?: { month: string; period: { from: string; to: string }; lastEnded: string },
): MonthAlert[] {
  const config: Agreement36Config = {
    specialClause: settings.specialClause,
    agreementStartMonth: settings.agreementStartMonth,
  };
  const sorted = [...months].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
  const alerts: MonthAlert[] = checkAgreement36(config, sorted).violations.map((v) => ({ ...v }));
  const legalMonthCodes = new Set(
    alerts.filter((a) => a.code === 'BASIC_MONTH_OVER_45H').map((a) => a.month),
  );
  const legalYearCodes = new Set(
    alerts
      .filter((a) => a.code === 'BASIC_YEAR_OVER_360H' || a.code === 'SPECIAL_YEAR_OVER_720H')
      .map((a) => a.month),
  );
  const startIndex = monthIndex(settings.agreementStartMonth);
  const near = (limit: number) => Math.ceil((limit * settings.warningPercent) / 100);
  let year = Number.NaN;
  let yearOvertime = 0;
  for (const m of sorted) {
    const agreementYear = Math.floor((monthIndex(m.month) - startIndex) / 12);
    if (agreementYear !== year) {
      year = agreementYear;
      yearOvertime = 0;
    }
    yearOvertime += m.overtimeMinutes;
    const monthLimit = settings.monthLimitMinutes;
    if (m.overtimeMinutes > monthLimit) {
      if (!legalMonthCodes.has(m.month)) {
        alerts.push({
          month: m.month,
          code: 'AGREEMENT_MONTH_LIMIT_EXCEEDED',
          minutes: m.overtimeMinutes,
          limitMinutes: monthLimit,
        });
      }
    } else if (m.overtimeMinutes >= near(monthLimit) && m.overtimeMinutes > 0) {
      alerts.push({
        month: m.month,
        code: 'MONTH_LIMIT_NEAR',
        minutes: m.overtimeMinutes,
        limitMinutes: monthLimit,
      });
    } else if (current && current.month === m.month) {
      const projected = projectMonthEnd(m.overtimeMinutes, current.period, current.lastEnded);
      if (projected !== null && projected > monthLimit) {
        alerts.push({
          month: m.month,
          code: 'MONTH_END_PROJECTION',
          minutes: m.overtimeMinutes,
          projectedMinutes: projected,
          limitMinutes: monthLimit,
        });
      }
    }
    const yearLimit = settings.yearLimitMinutes;
    if (yearOvertime > yearLimit) {
      if (!legalYearCodes.has(m.month)) {
        alerts.push({
          month: m.month,
          code: 'AGREEMENT_YEAR_LIMIT_EXCEEDED',
          minutes: yearOvertime,
          limitMinutes: yearLimit,
        });
      }
    } else if (yearOvertime >= near(yearLimit) && yearOvertime > 0) {
      alerts.push({
        month: m.month,
        code: 'YEAR_LIMIT_NEAR',
        minutes: yearOvertime,
        limitMinutes: yearLimit,
      });
    }
  }
  const order = new Map(MONTH_ALERT_CODES.map((code, i) => [code, i]));
  return alerts.sort((a, b) =>
    a.month === b.month ? order.get(a.code)! - order.get(b.code)! : a.month < b.month ? -1 : 1,
  );
}

/**
 * The 2–6-month averages of 時間外 + 休日 ending at each month, and the agreement year's cumulative
 * 時間外 (the per-staff chart and its table).
 */
export function overtimeSeries(
  agreementStartMonth: string,
  months: readonly MonthFigures[],
): {
  month: string;
  overtimeMinutes: number;
  legalHolidayMinutes: number;
  maxAverageMinutes: number | null;
  yearCumulativeMinutes: number;
}[] {
  const startIndex = monthIndex(agreementStartMonth);
  const sorted = [...months].sort((a, b) => (a.month < b.month ? -1 : 1));
  let year = Number.NaN;
  let cumulative = 0;
  return sorted.map((m, i) => {
    const agreementYear = Math.floor((monthIndex(m.month) - startIndex) / 12);
    if (agreementYear !== year) {
      year = agreementYear;
      cumulative = 0;
    }
    cumulative += m.overtimeMinutes;
    let best: number | null = null;
    let sum = m.overtimeMinutes + m.legalHolidayMinutes;
    for (let window = 2; window <= 6 && i - window + 1 >= 0; window++) {
      const earlier = sorted[i - window + 1]!;
      sum += earlier.overtimeMinutes + earlier.legalHolidayMinutes;
      const average = Math.round(sum / window);
      if (best === null || average > best) best = average;
    }
    return {
      month: m.month,
      overtimeMinutes: m.overtimeMinutes,
      legalHolidayMinutes: m.legalHolidayMinutes,
      maxAverageMinutes: best,
      yearCumulativeMinutes: cumulative,
    };
  });
}

/** A stable key of an alert (確認済 marks and the digest's "already told" list). */
export function alertKey(
  staffId: number,
  alert: { code: LaborAlertCode; date?: string; month?: string; windowMonths?: number },
): string {
  const when = alert.date ?? alert.month ?? '';
  return `${alert.code}:${staffId}:${when}${alert.windowMonths ? `:${alert.windowMonths}` : ''}`;
}
