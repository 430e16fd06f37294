import { describe, expect, it } from 'vitest';
import {
  alertSeverity,
  consecutiveWorkdays,
  defaultLaborAlertSettings,
  monthAlerts,
  overtimeSeries,
  projectMonthEnd,
  shortRestIntervals,
  studentWeeklyLimit,
} from './labor-alerts.ts';

const JUNE = { from: '2025-06-01', to: '2025-06-30' };

describe('projectMonthEnd', () => {
  it('projects the month-to-date pace over the whole period: 26 h by the 15th of 30 days is 52 h', () => {
    expect(projectMonthEnd(26 * 60, JUNE, '2025-06-15')).toBe(52 * 60);
  });
  it('projects nothing before the first day is over, nor once the period has ended', () => {
    expect(projectMonthEnd(600, JUNE, '2025-05-31')).toBeNull();
    expect(projectMonthEnd(600, JUNE, '2025-06-30')).toBeNull();
  });
});

describe('monthAlerts', () => {
  const settings = { ...defaultLaborAlertSettings(), agreementStartMonth: '2025-04' };
  it('warns with the projection only while the month is in progress and under the line', () => {
    const alerts = monthAlerts(
      settings,
      [{ month: '2025-06', overtimeMinutes: 1560, legalHolidayMinutes: 0 }],
      {
        month: '2025-06',
        period: JUNE,
        lastEnded: '2025-06-15',
      },
    );
    expect(alerts).toEqual([
      {
        month: '2025-06',
        code: 'MONTH_END_PROJECTION',
        minutes: 1560,
        projectedMinutes: 3120,
        limitMinutes: 2700,
      },
    ]);
  });
  it('adds the contract’s stricter line and the warning level, beside the §7 codes', () => {
    const own = { ...settings, monthLimitMinutes: 30 * 60, warningPercent: 80 };
    const alerts = monthAlerts(own, [
      { month: '2025-04', overtimeMinutes: 25 * 60, legalHolidayMinutes: 0 },
      { month: '2025-05', overtimeMinutes: 40 * 60, legalHolidayMinutes: 0 },
      { month: '2025-06', overtimeMinutes: 46 * 60, legalHolidayMinutes: 0 },
    ]);
    expect(alerts.map((a) => `${a.month} ${a.code}`)).toEqual([
      '2025-04 MONTH_LIMIT_NEAR',
      '2025-05 AGREEMENT_MONTH_LIMIT_EXCEEDED',
      '2025-06 BASIC_MONTH_OVER_45H',
    ]);
    expect(alerts.map((a) => alertSeverity(a.code))).toEqual(['warning', 'violation', 'violation']);
  });
});

describe('day alerts', () => {
  it('finds a rest under 11 h between two work dates, not between pairs of one day', () => {
    const events = [
      { type: 'clock_in', at: '2025-06-02T09:00' },
      { type: 'clock_out', at: '2025-06-02T12:00' },
      { type: 'clock_in', at: '2025-06-02T13:00' },
      { type: 'clock_out', at: '2025-06-02T23:00' },
      { type: 'clock_in', at: '2025-06-03T08:00' },
      { type: 'clock_out', at: '2025-06-03T17:00' },
    ] as const;
    expect(shortRestIntervals(events, 660, JUNE)).toEqual([{ date: '2025-06-03', minutes: 540 }]);
    // The same punches out of order (and a clock-out tied with a clock-in at 13:00) read the same.
    const shuffled = [events[4], events[1], events[5], events[0], events[3], events[2]];
    expect(shortRestIntervals(shuffled, 660, JUNE)).toEqual([{ date: '2025-06-03', minutes: 540 }]);
    const tied = [
      { type: 'clock_in', at: '2025-06-02T13:00' },
      { type: 'clock_out', at: '2025-06-02T13:00' },
      { type: 'clock_in', at: '2025-06-02T08:00' },
      { type: 'clock_out', at: '2025-06-02T23:00' },
      { type: 'clock_in', at: '2025-06-03T07:00' },
    ] as const;
    expect(shortRestIntervals(tied, 660, JUNE)).toEqual([{ date: '2025-06-03', minutes: 480 }]);
  });
  it('reports a run of worked days once, where it reaches the limit, with its length', () => {
    const dates = Array.from({ length: 14 }, (_, i) => `2025-06-${String(i + 1).padStart(2, '0')}`);
    expect(consecutiveWorkdays(dates, 12, JUNE)).toEqual([{ date: '2025-06-12', days: 14 }]);
    expect(consecutiveWorkdays(dates.slice(0, 11), 12, JUNE)).toEqual([]);
  });
  it('breaks a run at a day off, and counts a run from at most `limitDays` before the period', () => {
    const day = (d: number) => `2025-06-${String(d).padStart(2, '0')}`;
    // 6/1–6/5, a day off on 6/6, then 6/7–6/19: the run of 13 reaches 12 on 6/18.
    const withGap = [1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19].map(day);
    expect(consecutiveWorkdays(withGap, 12, JUNE)).toEqual([{ date: '2025-06-18', days: 13 }]);
    // Every day of May and June 1–2, unordered and repeated: counted from 5/20 (12 days before 6/1).
    const may = Array.from({ length: 31 }, (_, i) => `2025-05-${String(i + 1).padStart(2, '0')}`);
    expect(consecutiveWorkdays([day(2), day(1), ...may, day(1)], 12, JUNE)).toEqual([
      { date: '2025-06-01', days: 14 },
    ]);
  });
  it('gives a 留学生 40 h only in a week wholly inside a long vacation', () => {
    const summer = [{ from: '2025-08-01', to: '2025-09-30' }];
    expect(studentWeeklyLimit({ from: '2025-08-03', to: '2025-08-09' }, summer)).toEqual({
      limitMinutes: 2400,
      vacation: true,
    });
    expect(studentWeeklyLimit({ from: '2025-07-27', to: '2025-08-02' }, summer).limitMinutes).toBe(1680);
  });
});

describe('overtimeSeries', () => {
  it('gives the highest 2–6-month average and the agreement year’s running total', () => {
    const series = overtimeSeries('2025-04', [
      { month: '2025-03', overtimeMinutes: 600, legalHolidayMinutes: 0 },
      { month: '2025-04', overtimeMinutes: 1200, legalHolidayMinutes: 0 },
      { month: '2025-05', overtimeMinutes: 0, legalHolidayMinutes: 0 },
    ]);
    expect(series.map((m) => [m.maxAverageMinutes, m.yearCumulativeMinutes])).toEqual([
      [null, 600],
      [900, 1200],
      [600, 1200],
    ]);
  });
});
