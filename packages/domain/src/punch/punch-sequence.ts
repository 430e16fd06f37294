import type { ErrorCode } from '../errors/error-catalog.ts';
import type { PunchType } from './punch-state.ts';

/** A punch as typed: its kind and wall time `YYYY-MM-DDTHH:mm` in the contract's zone. */
export interface TypedPunch {
  readonly type: PunchType;
  readonly at: string;
}

/** Why a day's punches cannot be one person's day (each is an error code of its own). */
export type SequenceProblem =
  | 'punch_out_before_in'
  | 'punch_overlap'
  | 'punch_break_outside_shift'
  | 'punch_break_end_without_start'
  | 'punch_break_open_at_out'
  | 'punch_pair_too_long'
  | 'punch_outside_day';

export interface SequenceIssue {
  /** The index, in the given list, of the punch where the sequence breaks. */
  index: number;
  problem: SequenceProblem;
  /** Moving that punch to the next day (翌日) would make the day valid. */
  nextDayFixes: boolean;
}

const MAX_PAIR_MINUTES = 24 * 60;

/** Minutes since the epoch of a wall time (UTC arithmetic on the wall clock, never the host's zone). */
function minutesOf(at: string): number {
  return Math.floor(Date.parse(`${at}:00Z`) / 60_000);
}

function nextDay(at: string): string {
  const moved = new Date(Date.parse(`${at}:00Z`) + 86_400_000).toISOString();
  return `${moved.slice(0, 10)}T${moved.slice(11, 16)}`;
}

function firstIssue(
  punches: readonly TypedPunch[],
  date: string,
  dayBoundary: string,
  openAtStart: boolean,
): Omit<SequenceIssue, 'nextDayFixes'> | null {
  const dayStart = minutesOf(`${date}T${dayBoundary}`);
  // In time order; punches at the same minute keep the order they were given in.
  const order = punches.map((punch, index) => ({ punch, index, at: minutesOf(punch.at) }));
  order.sort((a, b) => a.at - b.at || a.index - b.index);
  let state: 'off' | 'working' | 'on_break' = openAtStart ? 'working' : 'off';
  let clockInAt: number | null = null;
  // A shift left open the day before may end here; a 出勤 instead leaves it open (a forgotten 退勤,
  // flagged on that day), as terminals allow.
  let inherited = openAtStart;
  for (const { punch, index, at } of order) {
    if (at < dayStart && !(openAtStart && state !== 'off')) return { index, problem: 'punch_outside_day' };
    const continuing = inherited;
    inherited = false;
    switch (punch.type) {
      case 'clock_in':
        if (state !== 'off' && !continuing) return { index, problem: 'punch_overlap' };
        state = 'working';
        clockInAt = at;
        break;
      case 'clock_out':
        if (state === 'off') return { index, problem: 'punch_out_before_in' };
        if (state === 'on_break') return { index, problem: 'punch_break_open_at_out' };
        if (clockInAt !== null && at - clockInAt > MAX_PAIR_MINUTES)
          return { index, problem: 'punch_pair_too_long' };
        state = 'off';
        clockInAt = null;
        break;
      case 'break_start':
        if (state !== 'working') return { index, problem: 'punch_break_outside_shift' };
        state = 'on_break';
        break;
      case 'break_end':
        if (state === 'off') return { index, problem: 'punch_break_outside_shift' };
        if (state !== 'on_break') return { index, problem: 'punch_break_end_without_start' };
        state = 'working';
        break;
    }
  }
  return null;
}

/**
 * Checks that the punches of one work date can form a day of one person: 出勤 before its 退勤,
 * breaks inside a shift and closed before 退勤, no shift starting inside another, no pair longer
 * than 24 h (labor-rules.md §4 Clarifications) and nothing before the day's 日付の変わり目. A shift
 * may stay open at the end (today, or a 退勤 still to be added). Returns the first break, and
 * whether moving that punch to the next day (翌日) would mend the day.
 *
 * @example
 *   checkDaySequence([{ type: 'clock_in', at: '2026-12-01T22:00' }, { type: 'clock_out', at: '2026-12-01T06:00' }],
 *     { date: '2026-12-01', dayBoundary: '05:00' })
 *   // → { index: 1, problem: 'punch_out_before_in', nextDayFixes: true }
 */
export function checkDaySequence(
  punches: readonly TypedPunch[],
  options: { date: string; dayBoundary: string; openAtStart?: boolean },
): SequenceIssue | null {
  const open = options.openAtStart ?? false;
  const issue = firstIssue(punches, options.date, options.dayBoundary, open);
  if (!issue) return null;
  const moved = punches.map((punch, index) =>
    index === issue.index ? { ...punch, at: nextDay(punch.at) } : punch,
  );
  const nextDayFixes =
    punches[issue.index]!.at.slice(0, 10) === options.date &&
    firstIssue(moved, options.date, options.dayBoundary, open) === null;
  return { ...issue, nextDayFixes };
}

// 翌日 is suggested where a night shift is the likely meaning; a second 出勤 moved to the next day
// would also "mend" a day, but is rarely what was meant.
const NEXT_DAY_CODES: Partial<Record<SequenceProblem, ErrorCode>> = {
  punch_out_before_in: 'punch_out_before_in_next_day',
  punch_break_outside_shift: 'punch_break_outside_shift_next_day',
};

/** The error code shown next to the row: the problem, with the 翌日 hint where 翌日 mends it. */
export function sequenceIssueCode(issue: SequenceIssue): ErrorCode {
  return (issue.nextDayFixes ? NEXT_DAY_CODES[issue.problem] : undefined) ?? issue.problem;
}
