import { z } from 'zod';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** A wall-clock time `HH:mm` (00:00–23:59). */
export const ClockTimeSchema = z.string().regex(TIME, { message: 'time_invalid' });

export interface BreakTimes {
  start: string;
  end: string;
}

/**
 * The first problem of a day's times as a key: `time` (not HH:mm) or `breakOutside` (a break not
 * inside the span). A span whose end is at or before its start ends the next day, so 22:00–06:00
 * is a night shift and its 02:00–02:30 break lies inside it. The engine refuses anything else.
 *
 * @example scheduleProblem('22:00', '06:00', [{ start: '02:00', end: '02:30' }]) // null
 */
export function scheduleProblem(
  start: string,
  end: string,
  breaks: BreakTimes[],
): 'time' | 'breakOutside' | null {
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

/**
 * Scheduled working minutes of a day: the span (to the next day when end ≤ start) less its
 * breaks. 09:00–18:00 with 12:00–13:00 → 480; 22:00–06:00 with 02:00–02:30 → 450.
 */
export function scheduledMinutes(
  start: string,
  end: string,
  breaks: readonly (readonly [string, string])[],
): number {
  const from = minutesOf(start);
  const to = minutesOf(end) <= from ? minutesOf(end) + 1440 : minutesOf(end);
  let total = to - from;
  for (const [s, e] of breaks) {
    const bs = minutesOf(s) < from ? minutesOf(s) + 1440 : minutesOf(s);
    const be = minutesOf(e) <= from ? minutesOf(e) + 1440 : minutesOf(e);
    total -= Math.max(0, be - bs);
  }
  return Math.max(0, total);
}

/** The fields of a day's times; combine with {@link checkShiftTimes}. */
export const shiftTimesShape = {
  start: ClockTimeSchema,
  end: ClockTimeSchema,
  breaks: z
    .array(z.tuple([ClockTimeSchema, ClockTimeSchema]))
    .max(4, { message: 'bad_request' })
    .default([]),
};

/** The refinement of a day's times: each break inside the span, as the engine requires. */
export function checkShiftTimes(
  value: { start: string; end: string; breaks: [string, string][] },
  ctx: z.RefinementCtx,
): void {
  if (
    scheduleProblem(
      value.start,
      value.end,
      value.breaks.map(([start, end]) => ({ start, end })),
    ) !== null
  ) {
    ctx.addIssue({ code: 'custom', message: 'shift_break_outside', path: ['breaks'] });
  }
}

/** Start, end and breaks of a shift or pattern, checked as the engine would. */
export const ShiftTimesSchema = z.object(shiftTimesShape).superRefine(checkShiftTimes);
export type ShiftTimes = z.output<typeof ShiftTimesSchema>;
