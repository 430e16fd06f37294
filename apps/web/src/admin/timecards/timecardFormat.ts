/** How durations are written: `164:31` (h:mm) or `164.52` (decimal hours, two places). */
export type HoursFormat = 'hmm' | 'decimal';

/**
 * Minutes as payroll reads them, the same way the CSV writes them (report.service.ts): `8:30`, or
 * decimal hours rounded half up from exact minutes in integer arithmetic (`510` → `8.50`).
 */
export function formatMinutes(minutes: number, format: HoursFormat = 'hmm'): string {
  const sign = minutes < 0 ? '-' : '';
  const m = Math.abs(minutes);
  if (format === 'hmm') return `${sign}${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;
  const hundredths = Math.floor((m * 100 + 30) / 60);
  return `${sign}${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}

/** A day figure: blank when zero, so the non-zero figures of a month stand out. */
export function formatDayMinutes(minutes: number, format: HoursFormat = 'hmm'): string {
  return minutes === 0 ? '' : formatMinutes(minutes, format);
}

/** `YYYY-MM-DD` → 0 (Sunday) … 6 (Saturday), read as a calendar date (no time zone involved). */
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** `YYYY-MM-DD` moved by whole days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** `YYYY-MM` moved by whole months. */
export function addMonths(month: string, months: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const date = new Date(Date.UTC(y, m - 1 + months, 1));
  return date.toISOString().slice(0, 7);
}

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * The pay period (締め) month containing a date: with a month start day of 21, 2026-11-10 lies in
 * the period that starts on 2026-10-21, named `2026-10` (the API's `?month=`).
 */
export function payMonthOf(date: string, monthStartDay: number): string {
  const day = Number(date.slice(8, 10));
  const month = date.slice(0, 7);
  return day >= monthStartDay ? month : addMonths(month, -1);
}

/** The pay period named by a month, as the server computes it (payPeriodOfMonth). */
export function payPeriodOfMonth(month: string, monthStartDay: number): { from: string; to: string } {
  const from = `${month}-${String(monthStartDay).padStart(2, '0')}`;
  const to = addDays(`${addMonths(month, 1)}-${String(monthStartDay).padStart(2, '0')}`, -1);
  return { from, to };
}

/**
 * The time of a punch on its day's row: `09:05`, or `翌02:10` when the punch lies after midnight
 * of the work date (a night shift filed on the day it began).
 */
export function punchClock(at: string, rowDate: string, nextDayPrefix: string): string {
  const time = at.slice(11, 16);
  return at.slice(0, 10) > rowDate ? `${nextDayPrefix}${time}` : time;
}
