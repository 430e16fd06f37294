import { describe, expect, it } from 'vitest';
import {
  formValuesOf,
  overridesOf,
  roundingCutsWork,
  scheduleProblem,
  type WorkRules,
} from './workRulesModel.ts';

// The example settings of labor-rules.md §12 plus the 日付の変わり目, as GET /settings/work-rules answers.
const DEFAULTS: WorkRules = {
  weekStart: 'sun',
  legalHoliday: 'sun',
  scheduledHolidays: ['sat', 'sun'],
  nationalHolidayIsScheduledHoliday: true,
  schedule: {
    default: { start: '09:00', end: '18:00', breaks: [['12:00', '13:00']] },
    byWeekday: {},
    byDate: {},
  },
  scheduledDailyMinutes: 480,
  dailyLimitMinutes: 480,
  weeklyLimitMinutes: 2400,
  lateNight: { start: '22:00', end: '05:00' },
  overtimeTierThresholdMinutes: 3600,
  monthStartDay: 1,
  breakMode: 'punched',
  rounding: { unit: 1, clockIn: 'none', clockOut: 'none' },
  monthlyRounding: 'none',
  dayBoundary: '05:00',
};

describe('the 勤務ルール form', () => {
  it('sends every part at the contract level, keeping overrides the form does not show', () => {
    const values = formValuesOf('contract', { lateNight: { start: '22:00', end: '05:00' } }, DEFAULTS);
    values.start = '09:30';
    values.monthStartDay = '21';
    values.special44 = true;
    values.byWeekday.sat = { mode: 'custom', start: '10:00', end: '15:00', breaks: [] };
    values.byWeekday.sun = { mode: 'off', start: '', end: '', breaks: [] };
    const body = overridesOf(values, { lateNight: { start: '22:00', end: '05:00' } }, DEFAULTS);
    expect(body).toMatchObject({
      lateNight: { start: '22:00', end: '05:00' },
      monthStartDay: 21,
      weeklyLimitMinutes: 2640,
      schedule: {
        default: { start: '09:30', end: '18:00', breaks: [['12:00', '13:00']] },
        byWeekday: { sat: { start: '10:00', end: '15:00', breaks: [] }, sun: null },
        byDate: {},
      },
      rounding: { unit: 1, clockIn: 'none', clockOut: 'none' },
    });
  });

  it('sends only the overridden parts of an office or a person', () => {
    const values = formValuesOf('office', { monthStartDay: 25 }, DEFAULTS);
    expect(values.override.monthStartDay).toBe(true);
    expect(values.override.schedule).toBe(false);
    expect(values.monthStartDay).toBe('25');
    values.override.dayBoundary = true;
    values.dayBoundary = '04:00';
    expect(overridesOf(values, { monthStartDay: 25 }, DEFAULTS)).toEqual({
      monthStartDay: 25,
      dayBoundary: '04:00',
    });
    values.override.monthStartDay = false;
    expect(overridesOf(values, { monthStartDay: 25 }, DEFAULTS)).toEqual({ dayBoundary: '04:00' });
  });

  it('refuses breaks outside the span, also across midnight', () => {
    expect(scheduleProblem('09:00', '18:00', [{ start: '12:00', end: '13:00' }])).toBeNull();
    expect(scheduleProblem('09:00', '18:00', [{ start: '17:30', end: '18:30' }])).toBe('breakOutside');
    expect(scheduleProblem('22:00', '07:00', [{ start: '02:00', end: '03:00' }])).toBeNull();
    expect(scheduleProblem('18:00', '09:00', [{ start: '05:00', end: '04:00' }])).toBe('breakOutside');
    expect(scheduleProblem('9:00', '18:00', [])).toBe('time');
  });

  it('warns when rounding can cut worked minutes (昭和63.3.14基発150号)', () => {
    expect(roundingCutsWork('ceil', 'none')).toBe(true);
    expect(roundingCutsWork('none', 'floor')).toBe(true);
    expect(roundingCutsWork('floor', 'ceil')).toBe(false);
    expect(roundingCutsWork('none', 'none')).toBe(false);
  });
});
