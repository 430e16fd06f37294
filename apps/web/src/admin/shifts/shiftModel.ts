import type { RouteOutput, api as routes } from '@timecard/contract';
import { addDays, weekdayOf } from '../timecards/timecardFormat.ts';

export type ShiftTable = RouteOutput<typeof routes.shifts.table>;
export type ShiftCell = ShiftTable['cells'][number];
export type ShiftPattern = ShiftTable['patterns'][number];
export type ShiftWish = ShiftTable['wishes'][number];

/** Every date of a period, in order. */
export function datesOf(period: { from: string; to: string }): string[] {
  const dates: string[] = [];
  for (let date = period.from; date <= period.to; date = addDays(date, 1)) dates.push(date);
  return dates;
}

/** The week (7 days from the week start) containing `date`. */
export function weekOf(date: string, weekStart: number): { from: string; to: string } {
  const from = addDays(date, -((weekdayOf(date) - weekStart + 7) % 7));
  return { from, to: addDays(from, 6) };
}

/** `09:00〜18:00`, with 翌 before an end on the next day. */
export function spanText(start: string | null, end: string | null, nextDay: string): string {
  if (!start || !end) return '';
  return `${start}〜${end <= start ? nextDay : ''}${end}`;
}

/** What a cell shows: the pattern's name, custom times, 休み, or nothing. */
export function cellLabel(
  times: ShiftCell['draft'],
  patterns: Map<number, ShiftPattern>,
  words: { off: string; nextDay: string },
): { text: string; color: string | null } {
  if (!times) return { text: '', color: null };
  if (times.off) return { text: words.off, color: null };
  const pattern = times.patternId ? patterns.get(times.patternId) : undefined;
  // A pattern changed after the cell was planned: the cell keeps its times, shown as such.
  if (pattern && pattern.start === times.start && pattern.end === times.end) {
    return { text: pattern.name, color: pattern.color };
  }
  return { text: spanText(times.start, times.end, words.nextDay), color: null };
}

/** The key of a cell in maps: `staffId|date`. */
export const cellKey = (staffId: number, date: string) => `${staffId}|${date}`;
