import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultLaborSettings } from '../labor/labor-settings.schema.ts';
import {
  DEFAULT_WORK_RULES,
  effectiveLaborSettings,
  nationalHolidaysBetween,
  payPeriodOf,
  payPeriodOfMonth,
  shiftDate,
  WorkRulesSchema,
} from './work-rules.ts';

describe('勤務ルール', () => {
  it('defaults to exactly the example settings of labor-rules.md §12, with the dataset’s 祝日', () => {
    const settings = effectiveLaborSettings([], 'Asia/Tokyo', { from: '2026-05-01', to: '2026-05-31' });
    const { nationalHolidays, dayBoundary, shiftRounding, ...rest } = settings;
    const { nationalHolidays: _none, ...example } = defaultLaborSettings;
    expect(rest).toEqual(example);
    expect(dayBoundary).toBe('05:00');
    expect(shiftRounding).toEqual({ mode: 'none', unit: 15 });
    expect(nationalHolidays).toEqual(
      expect.arrayContaining(['2026-05-03', '2026-05-04', '2026-05-05', '2026-05-06']),
    );
    expect(settings.nationalHolidayIsScheduledHoliday).toBe(true);
  });

  it('lets an office override the contract and a person override the office', () => {
    const settings = effectiveLaborSettings(
      [{ weekStart: 'mon' }, { weeklyLimitMinutes: 2640, weekStart: 'sat' }, { monthStartDay: 21 }],
      'Asia/Tokyo',
      { from: '2026-11-21', to: '2026-12-20' },
    );
    expect(settings).toMatchObject({ weekStart: 'sat', weeklyLimitMinutes: 2640, monthStartDay: 21 });
  });

  it('refuses unknown or malformed rules', () => {
    expect(WorkRulesSchema.safeParse({ weeklyLimitMinute: 2640 }).success).toBe(false);
    expect(WorkRulesSchema.safeParse({ dayBoundary: '25:00' }).success).toBe(false);
    expect(WorkRulesSchema.safeParse({ timezone: 'UTC' }).success).toBe(false);
    expect(WorkRulesSchema.safeParse(DEFAULT_WORK_RULES).success).toBe(true);
  });

  it('lists 祝日 from the maintained dataset', () => {
    expect(nationalHolidaysBetween('2026-01-01', '2026-01-31')).toEqual(['2026-01-01', '2026-01-12']);
  });
});

describe('pay periods (締め日)', () => {
  it('finds the period containing a date from the month start day', () => {
    expect(payPeriodOf('2026-11-28', 1)).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(payPeriodOf('2026-11-28', 21)).toEqual({ from: '2026-11-21', to: '2026-12-20' });
    expect(payPeriodOf('2026-11-10', 21)).toEqual({ from: '2026-10-21', to: '2026-11-20' });
    expect(payPeriodOf('2027-01-05', 16)).toEqual({ from: '2026-12-16', to: '2027-01-15' });
    expect(payPeriodOfMonth('2026-02', 1)).toEqual({ from: '2026-02-01', to: '2026-02-28' });
  });
});

describe('shiftDate', () => {
  // The reference: calendar arithmetic through Date.UTC, as shiftDate was written before.
  const reference = (date: string, days: number) => {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
  };
  it('moves a date by whole days across months, years and leap days, as Date.UTC does', () => {
    expect(shiftDate('2024-02-28', 1)).toBe('2024-02-29');
    expect(shiftDate('2025-02-28', 1)).toBe('2025-03-01');
    expect(shiftDate('2025-01-01', -1)).toBe('2024-12-31');
    expect(shiftDate('2025-02-30', 0)).toBe('2025-03-02'); // an impossible day rolls over, as before
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1900-01-01T00:00:00Z'),
          max: new Date('2200-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: -800, max: 800 }),
        (instant, days) => {
          const date = instant.toISOString().slice(0, 10);
          expect(shiftDate(date, days)).toBe(reference(date, days));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
