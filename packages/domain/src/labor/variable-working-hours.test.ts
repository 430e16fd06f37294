import { describe, expect, it } from 'vitest';
import { aggregateAttendance, aggregateAttendanceExplained } from './aggregate-attendance.ts';
import { defaultLaborSettings, type LaborSettings, type WorkSchedule } from './labor-settings.schema.ts';
import type { AttendanceEvent } from './punch-segments.ts';
import { buildOfficeDay, buildShift } from './testing/attendance-builders.ts';

// labor-rules.md §4.2, 1か月単位の変形労働時間制 (労基法32条の2). December 2025 starts on a Monday and
// has 31 days: its frame is floor(2400 × 31 / 7) = 10,628 minutes (177:08).
const VARIABLE = { kind: 'monthly' as const };
const day = (
  start: string,
  end: string,
  breaks: [string, string][] = [['12:00', '13:00']],
): WorkSchedule => ({
  start,
  end,
  breaks,
});

/** Only the dates given are scheduled (a published shift plan); every other date is a 所定休日. */
function shiftPlan(byDate: Record<string, WorkSchedule>, patch: Partial<LaborSettings> = {}): LaborSettings {
  return {
    ...defaultLaborSettings,
    scheduledHolidays: [],
    schedule: { default: null, byWeekday: {}, byDate },
    variableWorkingHours: VARIABLE,
    ...patch,
  };
}

const run = (settings: LaborSettings, from: string, to: string, events: AttendanceEvent[]) =>
  aggregateAttendance({ settings, period: { from, to }, events });

describe('§4.2 day: a long scheduled day is not overtime up to its schedule', () => {
  it('a 10 h shift worked as planned has no overtime; its 11th hour does', () => {
    const settings = shiftPlan({ '2025-12-01': day('09:00', '20:00') });
    expect(
      run(
        settings,
        '2025-12-01',
        '2025-12-01',
        buildShift('2025-12-01', '09:00', '20:00', [['12:00', '13:00']]),
      ),
    ).toMatchObject({ worked: 600, scheduledWithin: 600, statutoryOvertime: 0 });
    expect(
      run(
        settings,
        '2025-12-01',
        '2025-12-01',
        buildShift('2025-12-01', '09:00', '21:00', [['12:00', '13:00']]),
      ),
    ).toMatchObject({ worked: 660, scheduledWithin: 600, statutoryOvertime: 60 });
    // Without §4.2 the same 10 h day is 2 h of overtime.
    const { variableWorkingHours: _, ...ordinary } = settings;
    expect(
      run(
        ordinary,
        '2025-12-01',
        '2025-12-01',
        buildShift('2025-12-01', '09:00', '20:00', [['12:00', '13:00']]),
      ).statutoryOvertime,
    ).toBe(120);
  });

  it('a 6 h shift worked 8 h is 法定内残業, only beyond 8 h overtime', () => {
    const settings = shiftPlan({ '2025-12-02': day('09:00', '16:00') });
    expect(
      run(
        settings,
        '2025-12-02',
        '2025-12-02',
        buildShift('2025-12-02', '09:00', '18:00', [['12:00', '13:00']]),
      ),
    ).toMatchObject({
      worked: 480,
      scheduledWithin: 360,
      statutoryWithinOvertime: 120,
      statutoryOvertime: 0,
    });
    expect(
      run(
        settings,
        '2025-12-02',
        '2025-12-02',
        buildShift('2025-12-02', '09:00', '19:00', [['12:00', '13:00']]),
      ),
    ).toMatchObject({
      worked: 540,
      scheduledWithin: 360,
      statutoryWithinOvertime: 120,
      statutoryOvertime: 60,
    });
  });
});

describe('§4.2 week', () => {
  const monToSat = ['2025-12-01', '2025-12-02', '2025-12-03', '2025-12-04', '2025-12-05', '2025-12-06'];

  it('a 48 h week planned as 6 × 8 h has no weekly overtime', () => {
    const settings = shiftPlan(Object.fromEntries(monToSat.map((d) => [d, day('09:00', '18:00')])));
    const events = monToSat.flatMap((d) => buildOfficeDay(d));
    expect(run(settings, '2025-12-01', '2025-12-06', events)).toMatchObject({
      worked: 2880,
      statutoryOvertime: 0,
    });
    const { variableWorkingHours: _, ...ordinary } = settings;
    expect(run(ordinary, '2025-12-01', '2025-12-06', events).statutoryOvertime).toBe(480);
  });

  it('a 32 h week is judged against 40 h: the hours past 40 are overtime', () => {
    const settings = shiftPlan(
      Object.fromEntries(monToSat.slice(0, 4).map((d) => [d, day('09:00', '18:00')])),
    );
    const events = [
      ...monToSat.slice(0, 5).flatMap((d) => buildOfficeDay(d)),
      ...buildShift('2025-12-06', '09:00', '13:00'),
    ];
    expect(run(settings, '2025-12-01', '2025-12-06', events)).toMatchObject({
      worked: 2640,
      statutoryOvertime: 240,
    });
  });

  it('a week cut by the end of the 変形期間 is two weeks, each of its own days (CONVENTION)', () => {
    // Weeks start on Monday here: Mon 12/29 – Sun 1/4 is cut at 1/1. Scheduled 8 h on 12/29–1/2; 1/3 and
    // 1/4 are 所定休日 and 1/3 is worked. Legal holiday by the "later worked 所定休日" rule: none (1/4 rests).
    const plan = ['2025-12-29', '2025-12-30', '2025-12-31', '2026-01-01', '2026-01-02'];
    const settings = shiftPlan(Object.fromEntries(plan.map((d) => [d, day('09:00', '18:00')])), {
      weekStart: 'mon',
      legalHoliday: null,
    });
    const events = [...plan, '2026-01-03'].flatMap((d) => buildOfficeDay(d));
    // January's part of the week: 24 h against 40 h, no overtime (the whole week would be 48 h).
    expect(run(settings, '2026-01-01', '2026-01-31', events)).toMatchObject({
      worked: 1440,
      statutoryOvertime: 0,
    });
    expect(run(settings, '2025-12-29', '2025-12-31', events)).toMatchObject({
      worked: 1440,
      statutoryOvertime: 0,
    });
  });
});

describe('§4.2 period frame', () => {
  const weekdays = Array.from({ length: 31 }, (_, i) => `2025-12-${String(i + 1).padStart(2, '0')}`).filter(
    (d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()),
  );

  it('23 × 8 h in a 31-day month is 412 minutes over the frame of 177:08, the plan flagged', () => {
    expect(weekdays).toHaveLength(23);
    const settings: LaborSettings = { ...defaultLaborSettings, variableWorkingHours: VARIABLE };
    const events = weekdays.flatMap((d) => buildOfficeDay(d));
    const month = run(settings, '2025-12-01', '2025-12-31', events);
    expect(month).toMatchObject({
      worked: 11040,
      statutoryOvertime: 412,
      scheduledWithin: 10628,
      statutoryOvertimeInsideSchedule: 412,
    });
    expect(month.warnings).toContain('VARIABLE_FRAME_EXCEEDED@2025-12-01');
    // The frame is crossed on the last day: 12/31 has 68 ordinary minutes and 412 of overtime.
    expect(run(settings, '2025-12-31', '2025-12-31', events).statutoryOvertime).toBe(412);
    expect(run(settings, '2025-12-30', '2025-12-30', events).statutoryOvertime).toBe(0);
    // Under the ordinary rules the same month has no overtime.
    expect(run(defaultLaborSettings, '2025-12-01', '2025-12-31', events).statutoryOvertime).toBe(0);
  });

  it('explains which step made the overtime (日 / 週 / 変形期間) and gives the frame and the plan', () => {
    const settings: LaborSettings = { ...defaultLaborSettings, variableWorkingHours: VARIABLE };
    const events = weekdays.flatMap((d) => buildOfficeDay(d));
    const explained = aggregateAttendanceExplained({
      settings,
      period: { from: '2025-12-01', to: '2025-12-31' },
      events,
    });
    expect(explained.totals).toEqual(run(settings, '2025-12-01', '2025-12-31', events));
    expect(explained.overtimeSteps).toEqual({ day: 0, week: 0, period: 412 });
    expect(explained.variablePeriods).toEqual([
      { from: '2025-12-01', to: '2025-12-31', frameMinutes: 10628, scheduledMinutes: 11040 },
    ]);
    // A day past its scheduled 10 h: the 11th hour is the day's.
    const long = shiftPlan({ '2025-12-01': day('09:00', '20:00') });
    const eleven = aggregateAttendanceExplained({
      settings: long,
      period: { from: '2025-12-01', to: '2025-12-01' },
      events: buildShift('2025-12-01', '09:00', '21:00', [['12:00', '13:00']]),
    });
    expect(eleven.overtimeSteps).toEqual({ day: 60, week: 0, period: 0 });
    // Without 変形 there is no frame, and the steps still sum to the overtime.
    const ordinary = aggregateAttendanceExplained({
      settings: defaultLaborSettings,
      period: { from: '2025-12-01', to: '2025-12-31' },
      events: [...events, ...buildShift('2025-12-06', '09:00', '18:00', [['12:00', '13:00']])],
    });
    expect(ordinary.variablePeriods).toEqual([]);
    expect(ordinary.overtimeSteps.day + ordinary.overtimeSteps.week + ordinary.overtimeSteps.period).toBe(
      ordinary.totals.statutoryOvertime,
    );
    expect(ordinary.overtimeSteps.week).toBe(480);
  });

  it('leaves a plan within the frame unflagged, and the 法定休日 out of every count', () => {
    const settings = shiftPlan(
      Object.fromEntries(weekdays.slice(0, 20).map((d) => [d, day('09:00', '18:00')])),
    );
    const month = run(settings, '2025-12-01', '2025-12-31', [
      ...weekdays.slice(0, 20).flatMap((d) => buildOfficeDay(d)),
      ...buildShift('2025-12-07', '09:00', '12:00'),
    ]);
    expect(month.warnings.filter((w) => w.startsWith('VARIABLE'))).toEqual([]);
    expect(month).toMatchObject({ worked: 9780, legalHolidayWork: 180, statutoryOvertime: 0 });
  });
});
