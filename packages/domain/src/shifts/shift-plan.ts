import { shiftDate } from '../work-rules/work-rules.ts';
import { scheduledMinutes } from './shift-times.ts';

/** A planned day of one person: the times of a shift, or 休み. */
export interface PlannedShift {
  staffId: number;
  date: string;
  off: boolean;
  start: string | null;
  end: string | null;
  breaks: [string, string][];
}

export interface PlanLimits {
  /** First day of the week: 0 Sunday … 6 Saturday. */
  weekStart: number;
  dailyLimitMinutes: number;
  weeklyLimitMinutes: number;
  /** 1か月単位の変形労働時間制 over the pay period (labor-rules.md §4.2). */
  variable: boolean;
}

export interface StaffPlanTotals {
  days: number;
  minutes: number;
  /** Days planned over the daily limit (8 h). Under §4.2 they are lawful but leave no room. */
  overDay: string[];
  /** First days of weeks planned over the weekly limit (40 h). */
  overWeek: string[];
}

export interface PlanTotals {
  byStaff: Map<number, StaffPlanTotals>;
  byDate: Map<string, { people: number; minutes: number }>;
}

const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

/** The minutes a planned day schedules (0 for 休み). */
export function plannedMinutes(shift: PlannedShift): number {
  return shift.off || !shift.start || !shift.end ? 0 : scheduledMinutes(shift.start, shift.end, shift.breaks);
}

/**
 * Totals of a shift table: per person (days, minutes, days over 8 h, weeks over 40 h) and per day
 * (people, minutes). Weeks are counted from the limits' week start over the shifts given.
 */
export function planTotals(shifts: readonly PlannedShift[], limits: PlanLimits): PlanTotals {
  const byStaff = new Map<number, StaffPlanTotals>();
  const byDate = new Map<string, { people: number; minutes: number }>();
  const weekMinutes = new Map<string, number>();
  for (const shift of shifts) {
    const minutes = plannedMinutes(shift);
    const person = byStaff.get(shift.staffId) ?? { days: 0, minutes: 0, overDay: [], overWeek: [] };
    byStaff.set(shift.staffId, person);
    if (minutes === 0) continue;
    person.days += 1;
    person.minutes += minutes;
    if (minutes > limits.dailyLimitMinutes) person.overDay.push(shift.date);
    const day = byDate.get(shift.date) ?? { people: 0, minutes: 0 };
    day.people += 1;
    day.minutes += minutes;
    byDate.set(shift.date, day);
    const week = shiftDate(shift.date, -((weekdayOf(shift.date) - limits.weekStart + 7) % 7));
    const key = `${shift.staffId}|${week}`;
    weekMinutes.set(key, (weekMinutes.get(key) ?? 0) + minutes);
  }
  for (const [key, minutes] of weekMinutes) {
    if (minutes <= limits.weeklyLimitMinutes) continue;
    const [staffId, week] = key.split('|') as [string, string];
    byStaff.get(Number(staffId))!.overWeek.push(week);
  }
  for (const person of byStaff.values()) {
    person.overDay.sort();
    person.overWeek.sort();
  }
  return { byStaff, byDate };
}

/**
 * The legal frame of a 変形期間 (labor-rules.md §4.2): floor(weekly limit × calendar days / 7) —
 * 31 days 10,628 (177:08), 30 days 10,285 (171:25), 28 days 9,600.
 */
export function variableFrameMinutes(
  period: { from: string; to: string },
  weeklyLimitMinutes: number,
): number {
  const days =
    Math.round((Date.parse(`${period.to}T00:00:00Z`) - Date.parse(`${period.from}T00:00:00Z`)) / 86_400_000) +
    1;
  return Math.floor((weeklyLimitMinutes * days) / 7);
}
