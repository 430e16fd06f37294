import { describe, expect, it } from 'vitest';
import { aggregateAttendance } from '../labor/aggregate-attendance.ts';
import {
  defaultLaborSettings,
  type LaborSettings,
  type WorkSchedule,
} from '../labor/labor-settings.schema.ts';
import type { AttendanceEvent } from '../labor/punch-segments.ts';
import { buildShift } from '../labor/testing/attendance-builders.ts';

// Issue 15: for シフト制 staff the published shifts are the schedule (product.md §6) — each date
// with a shift is a scheduled day with exactly its times, every other date a 所定休日. The engine
// takes them as per-date schedules; these are the cases the issue names.
const shift = (start: string, end: string, breaks: [string, string][] = []): WorkSchedule => ({
  start,
  end,
  breaks,
});

function shiftPlan(byDate: Record<string, WorkSchedule | null>): LaborSettings {
  return {
    ...defaultLaborSettings,
    scheduledHolidays: [],
    schedule: { default: null, byWeekday: {}, byDate },
  };
}

const run = (settings: LaborSettings, from: string, to: string, events: AttendanceEvent[]) =>
  aggregateAttendance({ settings, period: { from, to }, events });

const plan = shiftPlan({
  '2026-12-01': shift('10:00', '19:00', [['14:00', '15:00']]),
  '2026-12-02': shift('10:00', '19:00', [['14:00', '15:00']]),
  // 12/03: 休み (no shift). 12/04: a night shift over midnight.
  '2026-12-04': shift('22:00', '07:00', [['02:00', '03:00']]),
  // 12/07 night into 12/08's early shift.
  '2026-12-07': shift('22:00', '06:00', [['02:00', '02:30']]),
  '2026-12-08': shift('06:00', '15:00', [['10:00', '11:00']]),
});

describe('the shift as the schedule', () => {
  it('judges 遅刻 and 早退 against the day’s shift, not a fixed 9–18 day', () => {
    const late = buildShift('2026-12-01', '10:20', '19:00', [['14:00', '15:00']]);
    expect(run(plan, '2026-12-01', '2026-12-01', late)).toMatchObject({
      late: 20,
      worked: 460,
      earlyLeave: 0,
    });
    const early = buildShift('2026-12-01', '10:00', '18:30', [['14:00', '15:00']]);
    expect(run(plan, '2026-12-01', '2026-12-01', early)).toMatchObject({
      late: 0,
      earlyLeave: 30,
      worked: 450,
    });
  });

  it('counts 欠勤 on a shift day without punches, and none on a day without a shift', () => {
    expect(run(plan, '2026-12-02', '2026-12-03', [])).toMatchObject({ absenceDays: 1, worked: 0 });
    // Work on the 休み is outside the schedule: 法定内残業, not 所定内.
    const onDayOff = buildShift('2026-12-03', '10:00', '15:00');
    expect(run(plan, '2026-12-03', '2026-12-03', onDayOff)).toMatchObject({
      absenceDays: 0,
      worked: 300,
      scheduledWithin: 0,
      statutoryWithinOvertime: 300,
    });
  });

  it('keeps a night shift over midnight on its start date, with its 深夜', () => {
    const night = buildShift('2026-12-04', '22:00', '07:00', [['02:00', '03:00']]);
    expect(run(plan, '2026-12-04', '2026-12-04', night)).toMatchObject({
      worked: 480,
      scheduledWithin: 480,
      lateNight: 360,
      late: 0,
      earlyLeave: 0,
      absenceDays: 0,
    });
  });

  it('cuts a shift that runs into the next day’s shift at that shift’s start', () => {
    // 12/07 22:00 → 12/08 15:00 without leaving: 12/07's 勤務 ends at 06:00, when 12/08's shift starts.
    const events: AttendanceEvent[] = [
      { type: 'clock_in', at: '2026-12-07T22:00' },
      { type: 'break_start', at: '2026-12-08T02:00' },
      { type: 'break_end', at: '2026-12-08T02:30' },
      { type: 'break_start', at: '2026-12-08T10:00' },
      { type: 'break_end', at: '2026-12-08T11:00' },
      { type: 'clock_out', at: '2026-12-08T15:00' },
    ];
    expect(run(plan, '2026-12-07', '2026-12-07', events)).toMatchObject({
      worked: 450,
      scheduledWithin: 450,
    });
    expect(run(plan, '2026-12-08', '2026-12-08', events)).toMatchObject({
      worked: 480,
      scheduledWithin: 480,
      late: 0,
      absenceDays: 0,
    });
  });
});
