import type { LaborCalendar } from './labor-calendar.ts';
import { LaborInputError } from './labor-error.ts';
import type { RoundingMode } from './labor-settings.schema.ts';
import { dayOfMinute, parseWallTime } from './wall-time.ts';

/**
 * Event types, listed in the tie order of labor-rules.md §4 step 1: at the same minute
 * `break_end < clock_out < clock_in < break_start`, so a pair ending at 19:00 closes before the next
 * pair opens at 19:00.
 */
export const ATTENDANCE_EVENT_TYPES = ['break_end', 'clock_out', 'clock_in', 'break_start'] as const;
export type AttendanceEventType = (typeof ATTENDANCE_EVENT_TYPES)[number];

export interface AttendanceEvent {
  readonly type: AttendanceEventType;
  /** Wall time `YYYY-MM-DDTHH:mm`. */
  readonly at: string;
}

const BREAK_END = 0;
const CLOCK_OUT = 1;
const CLOCK_IN = 2;
const BREAK_START = 3;

export type IncompleteCode = 'MISSING_CLOCK_OUT' | 'MISSING_BREAK_END';

/**
 * The longest a clock_in..clock_out pair can be: 24 h of raw punch time. A clock_out later than this
 * cannot close the open pair (labor-rules.md §4 step 2: an open segment "is never paired with a later
 * day's clock_out and never auto-filled"; issue 4: "missing punches (incomplete, never paired with
 * another day)"). The spec names no bound, so the figure is our CONVENTION; the reasoning:
 * - "A later day's clock_out" cannot mean any clock_out on a later date: the next morning's clock_out
 *   of an overnight shift (22:00 → 06:00) closes a 勤務 of its start day (§1, 昭和63.1.1基発1号).
 *   "Same or next date" is too loose: Mon 09:00 → Tue 18:00 (clock-out forgotten on Monday, clock-in
 *   forgotten on Tuesday) would still pair into one 33 h shift, which is exactly the case to reject.
 * - 24 h is one day counted from the clock-in: the moment the same time of day comes round again,
 *   when the next day's like shift would begin. Real long duties (24 h 当直, 隔日勤務, 警備) fit
 *   within it, and exactly 24h00 (09:00 → 09:00 next day) still pairs; 24h01 does not.
 * - A pair of ≤ 24 h ends no later than the next calendar day, so (rounding aside) it reaches the
 *   next-day start cut (§1) at most once; the cut is unchanged for every pair that still pairs.
 * - Pairing is decided on raw minutes: §4 step 1 builds the segments before punch rounding, and a pay
 *   setting must not decide whether two punches are one shift. (Rounding may then stretch a 24h00
 *   pair by less than one unit at each end; the cut and the totals handle any length.)
 * Such a clock_out leaves the pair incomplete (MISSING_CLOCK_OUT on the clock-in's work date: it
 * contributes 0 and is listed in incomplete[]) and is itself a stray, ignored as the Clarifications say
 * of a clock_out with nothing open. Its date gets no 勤務 from it and so, if scheduled and without
 * leave, is 欠勤 (Clarifications: "a date whose punches form no 勤務 is, if scheduled, an absence").
 */
export const MAX_PAIR_MINUTES = 24 * 60;

/** One clock_in..clock_out pair after normalisation (§4 steps 1–2). */
export interface PunchSegment {
  readonly rawIn: number;
  /** NaN while the pair never closed. */
  rawOut: number;
  /** Rounded clock-in (§9); the work date is the calendar day of this minute. */
  in: number;
  /** Rounded clock-out, never before `in`. */
  out: number;
  /** Punched breaks as flat `[start, end, …]`, unclipped, in order. */
  readonly breaks: number[];
  workDate: number;
  incomplete: IncompleteCode | null;
  /** A break still open at clock_out and ended after it (§4 step 2): clipped, warned. */
  breakOutsideShift: boolean;
}

/**
 * Validates the events and returns them as sorted keys `minute * 4 + tieOrder`. Two events with the
 * same key are the same punch twice, so sorting bare numbers loses nothing.
 */
export function parseEvents(events: unknown): Float64Array {
  if (!Array.isArray(events))
    throw new LaborInputError('invalid_input', 'events', 'expected an array of events');
  const keys = new Float64Array(events.length);
  for (let i = 0; i < events.length; i++) {
    const event: unknown = events[i];
    if (typeof event !== 'object' || event === null) {
      throw new LaborInputError('invalid_input', `events[${i}]`, 'expected an object {type, at}');
    }
    const { type, at } = event as { type?: unknown; at?: unknown };
    let order: number;
    switch (type) {
      case 'break_end':
        order = BREAK_END;
        break;
      case 'clock_out':
        order = CLOCK_OUT;
        break;
      case 'clock_in':
        order = CLOCK_IN;
        break;
      case 'break_start':
        order = BREAK_START;
        break;
      default:
        throw new LaborInputError(
          'invalid_event_type',
          `events[${i}].type`,
          `unknown event type ${JSON.stringify(type)} (expected clock_in, break_start, break_end or clock_out)`,
        );
    }
    keys[i] = parseWallTime(at, `events[${i}].at`) * 4 + order;
  }
  return keys.sort();
}

/**
 * Software punch rounding (§9) of one minute. `nearest` sends an exact half unit up (the later time).
 *
 * @example roundMinute(547, 15, 'ceil') // 555: 09:07 → 09:15
 */
export function roundMinute(minute: number, unit: number, mode: RoundingMode): number {
  if (unit === 1 || mode === 'none') return minute;
  const r = ((minute % unit) + unit) % unit;
  if (r === 0) return minute;
  if (mode === 'floor') return minute - r;
  if (mode === 'ceil') return minute - r + unit;
  return 2 * r >= unit ? minute - r + unit : minute - r;
}

/**
 * The punch state machine of labor-rules.md §4 steps 1–2 and its clarifications: builds pairs, marks
 * incomplete ones, drops stray punches, then applies punch rounding to clock_in and clock_out only.
 * A clock_out more than {@link MAX_PAIR_MINUTES} after the open clock_in closes nothing: the pair is
 * incomplete (MISSING_CLOCK_OUT) and that clock_out is a stray.
 * Under `breakMode: "scheduled"` punched breaks are ignored altogether: the scheduled windows are the
 * only deduction (§3), so a missing break_end cannot make a day incomplete there.
 */
export function buildSegments(keys: Float64Array, calendar: LaborCalendar): PunchSegment[] {
  const segments: PunchSegment[] = [];
  const ignoreBreaks = calendar.scheduledBreaks;
  let open: PunchSegment | null = null;
  let openBreak = Number.NaN;
  // A pair closed with its break still open: waits for a break_end after the clock_out (§4 step 2).
  let pending: PunchSegment | null = null;
  let pendingBreak = Number.NaN;

  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    // The same type at the same minute twice is one punch sent twice (a double tap, a terminal's
    // offline queue replayed): it carries nothing new, so it must not make a day incomplete.
    if (i > 0 && keys[i - 1] === key) continue;
    const minute = Math.floor(key / 4);
    const kind = key - minute * 4;
    if (kind === CLOCK_IN) {
      if (pending !== null) {
        pending.incomplete = 'MISSING_BREAK_END';
        pending = null;
      }
      // A second clock_in while a pair is open: that pair is never closed by a later punch (§4 step 2).
      if (open !== null) open.incomplete = 'MISSING_CLOCK_OUT';
      open = {
        rawIn: minute,
        rawOut: Number.NaN,
        in: minute,
        out: minute,
        breaks: [],
        workDate: 0,
        incomplete: null,
        breakOutsideShift: false,
      };
      segments.push(open);
      openBreak = Number.NaN;
    } else if (kind === CLOCK_OUT) {
      if (open === null) continue; // stray clock_out: ignored (clarification)
      if (minute - open.rawIn > MAX_PAIR_MINUTES) {
        // A later day's clock_out (see MAX_PAIR_MINUTES): the open pair is incomplete and closed for
        // good, and this clock_out closes nothing, so it is a stray. Later break punches find no pair.
        open.incomplete = 'MISSING_CLOCK_OUT';
        open = null;
        openBreak = Number.NaN;
        continue;
      }
      open.rawOut = minute;
      if (!Number.isNaN(openBreak)) {
        pending = open;
        pendingBreak = openBreak;
      }
      open = null;
      openBreak = Number.NaN;
    } else if (ignoreBreaks) {
      // breakMode "scheduled": punched breaks are not deductions, so they cannot be anomalies either.
    } else if (kind === BREAK_START) {
      // Outside a pair: ignored. A second break_start inside an open break is a double tap: the
      // break began at the first one.
      if (open !== null && Number.isNaN(openBreak)) openBreak = minute;
    } else if (open !== null) {
      if (!Number.isNaN(openBreak)) {
        open.breaks.push(openBreak, minute);
        openBreak = Number.NaN;
      }
    } else if (pending !== null) {
      pending.breaks.push(pendingBreak, pending.rawOut);
      pending.breakOutsideShift = true;
      pending = null;
    }
  }
  if (pending !== null) pending.incomplete = 'MISSING_BREAK_END';
  if (open !== null) open.incomplete = 'MISSING_CLOCK_OUT';

  let previousOut = Number.NEGATIVE_INFINITY;
  for (const segment of segments) {
    segment.in = roundMinute(segment.rawIn, calendar.roundingUnit, calendar.clockInRounding);
    if (segment.incomplete === null) {
      // Rounding must never make two pairs overlap (12:07 out ceil → 12:15, 12:10 in floor → 12:00).
      if (segment.in < previousOut) segment.in = previousOut;
      segment.out = Math.max(
        segment.in,
        roundMinute(segment.rawOut, calendar.roundingUnit, calendar.clockOutRounding),
      );
      previousOut = segment.out;
    } else {
      segment.out = segment.in;
    }
    segment.workDate = dayOfMinute(segment.in);
  }
  return segments;
}
