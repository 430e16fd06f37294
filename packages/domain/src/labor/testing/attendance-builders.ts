import type { AttendanceTotals, PaidLeaveRecord } from '../aggregate-attendance.ts';
import { aggregateAttendance } from '../aggregate-attendance.ts';
import { defaultLaborSettings, type LaborSettings } from '../labor-settings.schema.ts';
import type { AttendanceEvent } from '../punch-segments.ts';
import { formatWallTime, parseClockTime, parseIsoDate } from '../wall-time.ts';

/** The default office of labor-rules.md §12 with some fields replaced. */
export function buildSettings(patch: Partial<LaborSettings> = {}): LaborSettings {
  return { ...defaultLaborSettings, ...patch };
}

/**
 * Punches of one pair starting on `date`: clock_in `start`, breaks, clock_out `end`. A time earlier
 * than `start` is on the next day (overnight), so `shift('2025-06-02', '22:00', '07:00')` ends on 06-03.
 */
export function buildShift(
  date: string,
  start: string,
  end: string,
  breaks: readonly (readonly [string, string])[] = [],
): AttendanceEvent[] {
  const base = parseIsoDate(date, 'date') * 1440;
  const first = parseClockTime(start, 'start');
  const at = (time: string) => {
    const m = parseClockTime(time, 'time');
    return formatWallTime(base + (m < first ? m + 1440 : m));
  };
  return [
    { type: 'clock_in', at: at(start) },
    ...breaks.flatMap(([s, e]) => [
      { type: 'break_start' as const, at: at(s) },
      { type: 'break_end' as const, at: at(e) },
    ]),
    { type: 'clock_out', at: at(end) },
  ];
}

/** A standard day 09:00–18:00 with the 12:00–13:00 break punched. */
export function buildOfficeDay(date: string): AttendanceEvent[] {
  return buildShift(date, '09:00', '18:00', [['12:00', '13:00']]);
}

export function run(
  from: string,
  to: string,
  events: readonly AttendanceEvent[],
  settings: LaborSettings = defaultLaborSettings,
  leaves: readonly PaidLeaveRecord[] = [],
): AttendanceTotals {
  return aggregateAttendance({ settings, period: { from, to }, events, leaves });
}

/** Every minute figure 0 and no anomalies: spread a few expected fields over it. */
export const ZERO_TOTALS = {
  worked: 0,
  scheduledWithin: 0,
  statutoryWithinOvertime: 0,
  statutoryOvertime: 0,
  statutoryOvertimeUpTo60h: 0,
  statutoryOvertimeOver60h: 0,
  statutoryOvertimeInsideSchedule: 0,
  lateNight: 0,
  lateNightOnStatutoryOvertime: 0,
  lateNightOnStatutoryOvertimeOver60h: 0,
  lateNightOnLegalHoliday: 0,
  legalHolidayWork: 0,
  late: 0,
  earlyLeave: 0,
  privateOut: 0,
  absenceDays: 0,
  paidLeaveDays: 0,
} as const;
