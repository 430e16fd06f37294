import { compileLaborSettings } from './labor-calendar.ts';
import type { AttendanceEvent } from './punch-segments.ts';
import { dayOfMinute, formatWallTime, MINUTES_PER_DAY, parseClockTime, parseWallTime } from './wall-time.ts';

/** An approved 残業申請: work on `date` may count up to `plannedEnd` (the next day with `nextDay`). */
export interface ApprovedOvertime {
  readonly date: string;
  readonly plannedEnd: string;
  readonly nextDay?: boolean;
}

/** Work past the day's limit that no approved 残業申請 covers: shown as 未承認残業, never counted. */
export interface UnapprovedOvertime {
  /** The work date (the calendar date of the clock-in, as the engine files a 勤務). */
  readonly date: string;
  /** Where counting stopped (`YYYY-MM-DDTHH:mm`): the approved end, or the scheduled end. */
  readonly from: string;
  /** The clock-out as punched. */
  readonly to: string;
  /** Worked minutes from `from` to `to`, punched breaks excluded. */
  readonly minutes: number;
}

// The engine's tie order (labor-rules.md §4.1): a pair that ends at 19:00 closes before the next opens.
const TIE: Record<AttendanceEvent['type'], number> = {
  break_end: 0,
  clock_out: 1,
  clock_in: 2,
  break_start: 3,
};

/**
 * 残業は承認制 (issue 18, ADR 025): the events the engine should count when overtime counts only
 * when approved. A clock pair whose clock-out lies past its work date's limit is cut there: the
 * limit is the planned end of that date's approved 残業申請, else the end of the day's schedule (the
 * published shift for シフト制). The punches themselves stay as punched; what was cut comes back as
 * `unapproved`, for the timecard to show as 未承認残業.
 *
 * Left alone: days without a schedule (所定休日, no shift: there is no end to run past, and 休日出勤
 * has no 申請 of its own), pairs that are not closed or span more than 24 h (the engine counts them
 * as incomplete anyway), and pairs ending by the limit. An approved end before the scheduled end
 * never cuts into the schedule. A pair that starts at or after the limit is left out whole.
 *
 * @example
 *   // 09:00–18:00 scheduled, 残業申請 approved to 20:00, clock-out 21:00: counted to 20:00, 60 min 未承認残業
 *   cutUnapprovedOvertime(events, settings, [{ date: '2026-12-01', plannedEnd: '20:00' }])
 */
export function cutUnapprovedOvertime(
  events: readonly AttendanceEvent[],
  settings: unknown,
  approved: readonly ApprovedOvertime[],
): { events: AttendanceEvent[]; unapproved: UnapprovedOvertime[] } {
  const calendar = compileLaborSettings(settings);
  const approvedEnd = new Map<number, number>();
  for (const a of approved) {
    const day = dayOfMinute(parseWallTime(`${a.date}T00:00`, 'approved.date'));
    const end =
      day * MINUTES_PER_DAY +
      parseClockTime(a.plannedEnd, 'approved.plannedEnd') +
      (a.nextDay ? MINUTES_PER_DAY : 0);
    // Two approved requests for one date: the later end holds.
    approvedEnd.set(day, Math.max(end, approvedEnd.get(day) ?? end));
  }
  const limitOf = (clockIn: number): number | null => {
    const day = dayOfMinute(clockIn);
    const schedule = calendar.scheduleOf(day);
    if (schedule === null) return null;
    const scheduledEnd = day * MINUTES_PER_DAY + schedule.end;
    const approvedUntil = approvedEnd.get(day);
    return approvedUntil === undefined ? scheduledEnd : Math.max(scheduledEnd, approvedUntil);
  };

  const timed = events
    .map((event, index) => ({ event, index, at: parseWallTime(event.at, `events[${index}].at`) }))
    .sort((a, b) => a.at - b.at || TIE[a.event.type] - TIE[b.event.type] || a.index - b.index);

  const out: AttendanceEvent[] = [];
  const unapproved: UnapprovedOvertime[] = [];
  let segment: typeof timed = [];
  const flush = () => {
    out.push(...segment.map((t) => t.event));
    segment = [];
  };
  for (const item of timed) {
    if (item.event.type === 'clock_in') {
      // A clock-in while a pair is open: the engine makes that 勤務 incomplete; nothing to cut.
      flush();
      segment.push(item);
      continue;
    }
    if (segment.length === 0) {
      out.push(item.event);
      continue;
    }
    segment.push(item);
    if (item.event.type !== 'clock_out') continue;
    const clockIn = segment[0]!.at;
    const limit = limitOf(clockIn);
    if (limit === null || item.at <= limit || item.at - clockIn > MINUTES_PER_DAY) {
      flush();
      continue;
    }
    const cut = cutSegment(segment, limit);
    if (cut === null) {
      flush();
      continue;
    }
    out.push(...cut.kept);
    unapproved.push({
      date: formatWallTime(clockIn).slice(0, 10),
      from: formatWallTime(Math.max(limit, clockIn)),
      to: item.event.at,
      minutes: cut.minutes,
    });
    segment = [];
  }
  flush();
  return { events: out, unapproved };
}

/** One closed pair cut at `limit`: the events kept (the clock-out moved there), worked minutes cut. */
function cutSegment(
  segment: readonly { event: AttendanceEvent; at: number }[],
  limit: number,
): { kept: AttendanceEvent[]; minutes: number } | null {
  const clockIn = segment[0]!.at;
  const clockOut = segment.at(-1)!.at;
  // Breaks as the engine reads them: a second break_start inside an open break is a double tap.
  let breakFrom: number | null = null;
  let breakAfterLimit = 0;
  const keptBreaks: AttendanceEvent[] = [];
  for (const { event, at } of segment.slice(1, -1)) {
    if (event.type === 'break_start' && breakFrom === null) {
      breakFrom = at;
      if (at < limit) keptBreaks.push(event);
    } else if (event.type === 'break_end' && breakFrom !== null) {
      breakAfterLimit += Math.max(0, Math.min(at, clockOut) - Math.max(breakFrom, limit));
      if (breakFrom < limit)
        keptBreaks.push(at <= limit ? event : { type: 'break_end', at: formatWallTime(limit) });
      breakFrom = null;
    } else if (at < limit) {
      keptBreaks.push(event);
    }
  }
  // A break still open at the clock-out is the engine's to judge (BREAK_OUTSIDE_SHIFT or
  // MISSING_BREAK_END, from events after the pair): such a pair is left as punched.
  if (breakFrom !== null) return null;
  const minutes = clockOut - Math.max(limit, clockIn) - breakAfterLimit;
  if (clockIn >= limit) return { kept: [], minutes };
  return {
    kept: [segment[0]!.event, ...keptBreaks, { type: 'clock_out', at: formatWallTime(limit) }],
    minutes,
  };
}
