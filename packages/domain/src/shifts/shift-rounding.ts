import type { AttendanceEvent } from '../labor/punch-segments.ts';
import { formatWallTime, parseClockTime, parseWallTime } from '../labor/wall-time.ts';
import type { ShiftRounding } from '../work-rules/work-rules.ts';

const MINUTES_PER_DAY = 1440;

/** Punches made on a terminal, a clock or a program's clock device (`api`); corrections (`admin`) and imports are not. */
const PUNCHED_SOURCES = new Set(['web_clock', 'app', 'personal', 'api']);

export interface SourcedEvent extends AttendanceEvent {
  /** Where the punch came from (punches.source); decides 打刻実績のみ丸める. */
  readonly source?: string;
}

/** A day's published shift: start and end `HH:mm` (an end at or before the start is the next day). */
export type ShiftOfDay = { start: string; end: string } | null | undefined;

/**
 * シフト丸め: each event as the engine should count it. A clock-in at most `unit` minutes before a
 * shift's start counts from the start; a clock-out at most `unit` minutes after a shift's end counts
 * to the end (a night shift's end is on the next calendar day). Nothing else moves: a punch earlier
 * or later than that is worked time, and a day without a shift is left alone.
 *
 * @example
 *   applyShiftRounding([{ type: 'clock_in', at: '2026-12-07T08:50', source: 'app' }],
 *     (d) => ({ start: '09:00', end: '18:00' }), { mode: 'round', unit: 15 })
 *   // → [{ type: 'clock_in', at: '2026-12-07T09:00', source: 'app' }]
 */
export function applyShiftRounding<E extends SourcedEvent>(
  events: readonly E[],
  shiftOn: (date: string) => ShiftOfDay,
  rule: ShiftRounding,
): E[] {
  if (rule.mode === 'none') return [...events];
  const spans = (date: string) => {
    const shift = shiftOn(date);
    if (!shift) return null;
    const base = parseWallTime(`${date}T00:00`, 'date');
    const start = base + parseClockTime(shift.start, 'start');
    let end = base + parseClockTime(shift.end, 'end');
    if (end <= start) end += MINUTES_PER_DAY;
    return { start, end };
  };
  const previousDate = (date: string) =>
    formatWallTime(parseWallTime(`${date}T00:00`, 'date') - MINUTES_PER_DAY).slice(0, 10);
  return events.map((event) => {
    if (rule.mode === 'punches_only' && !PUNCHED_SOURCES.has(event.source ?? '')) return event;
    const at = parseWallTime(event.at, 'at');
    const date = event.at.slice(0, 10);
    if (event.type === 'clock_in') {
      const shift = spans(date);
      if (shift && at < shift.start && at >= shift.start - rule.unit) {
        return { ...event, at: formatWallTime(shift.start) };
      }
    }
    if (event.type === 'clock_out') {
      // The shift of the day, or of the day before when it ends after midnight.
      for (const shift of [spans(date), spans(previousDate(date))]) {
        if (shift && at > shift.end && at <= shift.end + rule.unit) {
          return { ...event, at: formatWallTime(shift.end) };
        }
      }
    }
    return event;
  });
}
