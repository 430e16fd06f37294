import { previousDate, workDateOf } from '../punch/work-day.ts';
import {
  type AggregateAttendanceInput,
  type AttendanceTotals,
  aggregateAttendance,
  aggregateAttendanceExplained,
  MINUTE_TOTAL_FIELDS,
  type OvertimeSteps,
  type VariablePeriod,
} from './aggregate-attendance.ts';

/** 入社日 and 退職日 of a staff member (`YYYY-MM-DD`, either may be unknown). */
export interface Employment {
  readonly hiredOn: string | null;
  readonly retiredOn: string | null;
  /**
   * Without a 入社日, the first date the product knows the person from (registration, or an earlier
   * imported punch): no 欠勤 is owed before it. Worked minutes before it still count.
   */
  readonly knownSince?: string | null;
}

/** Where a date stands for payroll: outside the employment, not over yet, or over (judged in full). */
export type DayStanding = 'before_hire' | 'after_retire' | 'not_ended' | 'ended';

/**
 * The last work date that is over at `now`: a work date ends at the next day's 日付の変わり目 in the
 * contract's zone, so at 2026-12-04 10:00 JST (boundary 05:00) it is 2026-12-03, and it stays
 * 2026-12-03 until 2026-12-05 05:00.
 */
export function lastEndedWorkDate(now: Date, timeZone: string, dayBoundary: string): string {
  return previousDate(workDateOf(now, timeZone, dayBoundary));
}

export function dayStanding(date: string, employment: Employment, lastEnded: string): DayStanding {
  if (employment.hiredOn && date < employment.hiredOn) return 'before_hire';
  if (employment.retiredOn && date > employment.retiredOn) return 'after_retire';
  return date > lastEnded ? 'not_ended' : 'ended';
}

/** The part of a period within the employment, or null when the person was not employed in it. */
export function employedRange(
  period: { from: string; to: string },
  employment: Employment,
): { from: string; to: string } | null {
  const from = employment.hiredOn && employment.hiredOn > period.from ? employment.hiredOn : period.from;
  const to = employment.retiredOn && employment.retiredOn < period.to ? employment.retiredOn : period.to;
  return from <= to ? { from, to } : null;
}

/** Totals of a period in which nothing is owed: every figure 0. */
export function emptyTotals(): AttendanceTotals {
  const totals = {
    absenceDays: 0,
    paidLeaveDays: 0,
    incomplete: [],
    warnings: [],
    agreement36: {
      overtimeMinutes: 0,
      overtimePlusLegalHolidayMinutes: 0,
      exceeds45h: false,
      reaches100h: false,
    },
  } as unknown as AttendanceTotals;
  for (const field of MINUTE_TOTAL_FIELDS) totals[field] = 0;
  return totals;
}

/**
 * `aggregateAttendance` over the dates the product may judge (labor-rules.md §4, Clarifications):
 * only days of the employment (nothing is owed before 入社日 or after 退職日), and for 欠勤 and
 * 未打刻 only days that are over — today's open shift is still 勤務中, and a day still to come is no
 * absence. Worked minutes of today count as they stand.
 *
 * @example
 *   // on 2026-12-04, hired 2026-12-03, a 平日 schedule: no 欠勤 for 12/01–02 nor for 12/04–31
 *   aggregateForStaff({ settings, period: { from: '2026-12-01', to: '2026-12-31' }, events,
 *     employment: { hiredOn: '2026-12-03', retiredOn: null }, lastEnded: '2026-12-03' }).absenceDays
 */
export function aggregateForStaff(
  input: AggregateAttendanceInput & { employment: Employment; lastEnded: string },
): AttendanceTotals {
  const { employment, lastEnded, ...engineInput } = input;
  const employed = employedRange(input.period, employment);
  if (!employed) return emptyTotals();
  const result = aggregateAttendance({ ...engineInput, period: employed });
  // 欠勤 only on days owed and over: from the 入社日 (or, without one, the first date the product
  // knows the person from) to the last day that has ended, never past the 退職日.
  const owedFrom =
    !employment.hiredOn && employment.knownSince && employment.knownSince > employed.from
      ? employment.knownSince
      : employed.from;
  // biome-ignore lint/complexity/useMathMinMax: ISO dates compare as strings, Math.min would not
  const owedTo = employed.to < lastEnded ? employed.to : lastEnded;
  if (owedFrom === employed.from && owedTo === employed.to) return result;
  const absenceDays =
    owedFrom <= owedTo
      ? aggregateAttendance({ ...engineInput, period: { from: owedFrom, to: owedTo } }).absenceDays
      : 0;
  // A day not over yet is not 未打刻 either: today's open shift is still 勤務中.
  return {
    ...result,
    absenceDays,
    incomplete: result.incomplete.filter((item) => item.date <= lastEnded),
  };
}

/**
 * What explains the overtime of {@link aggregateForStaff}'s totals over the employed dates: the step
 * that made each minute overtime (日 / 週 / 変形期間) and, under 変形, each period's frame and plan.
 */
export function explainForStaff(
  input: AggregateAttendanceInput & { employment: Employment; lastEnded: string },
): { overtimeSteps: OvertimeSteps; variablePeriods: VariablePeriod[] } {
  const { employment, lastEnded: _lastEnded, ...engineInput } = input;
  const employed = employedRange(input.period, employment);
  if (!employed) return { overtimeSteps: { day: 0, week: 0, period: 0 }, variablePeriods: [] };
  const { overtimeSteps, variablePeriods } = aggregateAttendanceExplained({
    ...engineInput,
    period: employed,
  });
  return { overtimeSteps, variablePeriods };
}
