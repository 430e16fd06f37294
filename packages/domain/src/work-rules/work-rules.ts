import holidayJp from '@holiday-jp/holiday_jp';
import { z } from 'zod';
import {
  defaultLaborSettings,
  type LaborSettings,
  LaborSettingsSchema,
} from '../labor/labor-settings.schema.ts';
import { civilFromDays, daysFromCivil } from '../labor/wall-time.ts';

/**
 * シフト丸め (as the reference product has it): a clock-in up to `unit` minutes before the shift's
 * start counts from the start, a clock-out up to `unit` minutes after its end counts to the end.
 * `round` (丸める) applies to every punch, `punches_only` (打刻実績のみ丸める) only to punches made
 * on a terminal or clock (not to corrections or imports), `none` (丸めない) to none. Only シフト制
 * staff on a day with a published shift; the punch itself is kept and shown as punched.
 */
export const SHIFT_ROUNDING_MODES = ['round', 'punches_only', 'none'] as const;
export const ShiftRoundingSchema = z
  .object({
    mode: z.enum(SHIFT_ROUNDING_MODES, { message: 'work_rules_invalid' }),
    unit: z.union([z.literal(5), z.literal(10), z.literal(15), z.literal(30), z.literal(60)], {
      message: 'work_rules_invalid',
    }),
  })
  .strict();
export type ShiftRounding = z.infer<typeof ShiftRoundingSchema>;

/**
 * 勤務ルール as stored: any part of the engine's settings (labor-rules.md §12) except the time zone
 * (the contract's) and the national holidays (from the maintained dataset), plus the 日付の変わり目
 * used to file punches. The contract holds the defaults; an office and a staff member may override
 * any field. Validation of the merged result is the engine's own (LaborSettingsSchema).
 */
export const WorkRulesSchema = LaborSettingsSchema.omit({ timezone: true, nationalHolidays: true })
  .partial()
  .extend({
    dayBoundary: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'day_boundary_invalid' })
      .optional(),
    shiftRounding: ShiftRoundingSchema.optional(),
  })
  .strict();
export type WorkRules = z.infer<typeof WorkRulesSchema>;

/** A new contract's rules: exactly the example settings of labor-rules.md §12, 日付の変わり目 05:00. */
export const DEFAULT_WORK_RULES: Required<WorkRules> = {
  ...(({ timezone: _t, nationalHolidays: _n, ...rest }) => rest)(defaultLaborSettings),
  // 通常の労働時間制 unless a contract, office or person chooses the 1か月単位の変形労働時間制.
  variableWorkingHours: null,
  dayBoundary: '05:00',
  shiftRounding: { mode: 'none', unit: 15 },
};

/** Japanese national holidays (祝日) between two dates inclusive, from @holiday-jp/holiday_jp. */
export function nationalHolidaysBetween(from: string, to: string): string[] {
  const key = `${from}|${to}`;
  let found = holidaysBetween.get(key);
  if (!found) {
    found = Object.keys(holidayJp.holidays).filter((date) => date >= from && date <= to);
    // A report asks for the same range once per person (500 a month): scanning the whole dataset
    // each time cost ~40 ms a report (issue 21). A few ranges are in use at a time.
    if (holidaysBetween.size > 1000) holidaysBetween.clear();
    holidaysBetween.set(key, found);
  }
  return [...found];
}
const holidaysBetween = new Map<string, string[]>();

/** The name of a 祝日, or undefined. */
export function nationalHolidayName(date: string): string | undefined {
  return (holidayJp.holidays as Record<string, { name: string }>)[date]?.name;
}

/**
 * The engine settings for one person: defaults ← contract ← office ← staff, the contract's zone,
 * and the national holidays of the period (with a margin for week context and overnight shifts).
 */
export function effectiveLaborSettings(
  layers: (WorkRules | undefined)[],
  timeZone: string,
  period: { from: string; to: string },
): LaborSettings & { dayBoundary: string; shiftRounding: ShiftRounding } {
  const merged: Record<string, unknown> = { ...DEFAULT_WORK_RULES };
  for (const layer of layers) {
    if (!layer) continue;
    for (const [key, value] of Object.entries(layer)) if (value !== undefined) merged[key] = value;
  }
  const { dayBoundary, variableWorkingHours, shiftRounding, ...rules } = merged as Required<WorkRules>;
  return {
    ...(rules as Omit<LaborSettings, 'timezone' | 'nationalHolidays'>),
    // Absent unless chosen, so that the settings of a 通常 contract are exactly those of §12.
    ...(variableWorkingHours ? { variableWorkingHours } : {}),
    timezone: timeZone,
    nationalHolidays: nationalHolidaysBetween(shiftDate(period.from, -40), shiftDate(period.to, 7)),
    dayBoundary,
    shiftRounding,
  };
}

/** A YYYY-MM-DD date moved by whole days. */
export function shiftDate(date: string, days: number): string {
  // Day arithmetic without a Date for a well-formed date (the 労務アラート recompute and the engine
  // shift hundreds of thousands of dates); anything else as before, through Date.UTC.
  if (date.length === 10 && date.charCodeAt(4) === 45 && date.charCodeAt(7) === 45) {
    const y = Number(date.slice(0, 4));
    const m = Number(date.slice(5, 7));
    const d = Number(date.slice(8, 10));
    if (Number.isInteger(y) && m >= 1 && m <= 12 && Number.isInteger(m) && d >= 1 && Number.isInteger(d)) {
      const text = dateTextOfDay(daysFromCivil(y, m, d) + days);
      if (text !== undefined) return text;
    }
  }
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

const dateTexts = new Map<number, string>();
/** 'YYYY-MM-DD' of a day number since 1970-01-01 for the years 1000–9999, cached. */
function dateTextOfDay(day: number): string | undefined {
  let text = dateTexts.get(day);
  if (text === undefined) {
    const { year, month, day: dayOfMonth } = civilFromDays(day);
    if (year < 1000 || year > 9999) return undefined;
    text = `${year}-${month < 10 ? '0' : ''}${month}-${dayOfMonth < 10 ? '0' : ''}${dayOfMonth}`;
    if (dateTexts.size > 100_000) dateTexts.clear();
    dateTexts.set(day, text);
  }
  return text;
}

/**
 * The pay period (締め) containing a date, from the month start day: with 21, the period of
 * 2026-11-28 is 2026-11-21..2026-12-20.
 */
export function payPeriodOf(date: string, monthStartDay: number): { from: string; to: string } {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const startMonth = d >= monthStartDay ? m - 1 : m - 2;
  const from = new Date(Date.UTC(y, startMonth, monthStartDay));
  const to = new Date(Date.UTC(y, startMonth + 1, monthStartDay - 1));
  return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
}

/** The pay period named by a month 'YYYY-MM': the one that starts in that month. */
export function payPeriodOfMonth(month: string, monthStartDay: number): { from: string; to: string } {
  return payPeriodOf(`${month}-${String(monthStartDay).padStart(2, '0')}`, monthStartDay);
}
