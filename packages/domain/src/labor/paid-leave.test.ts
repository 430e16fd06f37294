import { describe, expect, it } from 'vitest';
import { LaborInputError } from './labor-error.ts';
import { grantPaidLeave, monthsLater } from './paid-leave.ts';
import { daysFromCivil, formatDate } from './wall-time.ts';

const fullTime = { weeklyScheduledDays: 5, weeklyScheduledMinutes: 2400 };

describe('民法143条 grant dates', () => {
  it('the first 基準日 is the day after 6 months counted from the hire date itself', () => {
    // Hire 04-01: the period 04-01 … 09-30 ends the day before the corresponding day 10-01.
    expect(formatDate(monthsLater(daysFromCivil(2024, 4, 1), 6))).toBe('2024-10-01');
    // Hire 08-31: there is no 02-31, so the period ends on the last day 02-28 and the grant is 03-01.
    expect(formatDate(monthsLater(daysFromCivil(2024, 8, 31), 6))).toBe('2025-03-01');
    // Hire 2023-08-29: 2024-02-29 exists, so the period ends 02-28 and the grant is 02-29.
    expect(formatDate(monthsLater(daysFromCivil(2023, 8, 29), 6))).toBe('2024-02-29');
  });

  it('hire 08-31 → first grant 03-01 and every 03-01 after (labor-rules.md §10)', () => {
    const r = grantPaidLeave({
      hireDate: '2024-08-31',
      asOf: '2026-03-01',
      ...fullTime,
      attendanceRates: [],
    });
    expect(r.grants.map((g) => g.grantDate)).toEqual(['2025-03-01', '2026-03-01']);
    expect(r.grants[0]).toEqual({
      grantDate: '2025-03-01',
      serviceYears: 0.5,
      days: 10,
      expiresOn: '2027-02-28', // 2 years − 1 day
      fiveDayObligation: true,
      fiveDayDeadline: '2026-02-28', // within 1 year of the 基準日
    });
  });

  it('a 29 February grant date recurs as 29 February where it exists and 1 March otherwise', () => {
    const r = grantPaidLeave({
      hireDate: '2023-08-29',
      asOf: '2028-03-01',
      ...fullTime,
      attendanceRates: [],
    });
    expect(r.grants.map((g) => g.grantDate)).toEqual([
      '2024-02-29',
      '2025-03-01',
      '2026-03-01',
      '2027-03-01',
      '2028-02-29',
    ]);
    // The 2024-02-29 grant: 2 years later there is no 02-29, so it lapses after 2026-02-28.
    expect(r.grants[0]).toMatchObject({ expiresOn: '2026-02-28', fiveDayDeadline: '2025-02-28' });
  });
});

describe('days by service years', () => {
  it('full-time: 10, 11, 12, 14, 16, 18, 20 then 20; 2-year expiry; the 年5日 duty only from 2019-04', () => {
    const r = grantPaidLeave({ hireDate: '2015-04-01', asOf: '2025-04-01', ...fullTime });
    expect(r.grants.map((g) => [g.grantDate, g.serviceYears, g.days])).toEqual([
      ['2015-10-01', 0.5, 10],
      ['2016-10-01', 1.5, 11],
      ['2017-10-01', 2.5, 12],
      ['2018-10-01', 3.5, 14],
      ['2019-10-01', 4.5, 16],
      ['2020-10-01', 5.5, 18],
      ['2021-10-01', 6.5, 20],
      ['2022-10-01', 7.5, 20],
      ['2023-10-01', 8.5, 20],
      ['2024-10-01', 9.5, 20],
    ]);
    expect(r.grants[3]).toEqual({
      grantDate: '2018-10-01',
      serviceYears: 3.5,
      days: 14,
      expiresOn: '2020-09-30',
      fiveDayObligation: false, // before 2019-04-01
    });
    expect(r.grants[4]).toMatchObject({ fiveDayObligation: true, fiveDayDeadline: '2020-09-30' });
    // On 2025-04-01 the 2023-10-01 (until 2025-09-30) and 2024-10-01 grants are valid: 20 + 20.
    expect(r.validDaysAtAsOf).toBe(40);
    expect(r.skipped).toEqual([]);
    expect(r.nextGrant).toEqual({ date: '2025-10-01', days: 20 });
  });

  it('比例付与: under 30 h and at most 4 days a week', () => {
    const days = (weeklyScheduledDays: number, weeklyScheduledMinutes: number) =>
      grantPaidLeave({
        hireDate: '2015-04-01',
        asOf: '2022-10-01',
        weeklyScheduledDays,
        weeklyScheduledMinutes,
      }).grants.map((g) => g.days);
    expect(days(4, 4 * 360)).toEqual([7, 8, 9, 10, 12, 13, 15, 15]);
    expect(days(3, 3 * 360)).toEqual([5, 6, 6, 8, 9, 10, 11, 11]);
    expect(days(2, 2 * 360)).toEqual([3, 4, 4, 5, 6, 6, 7, 7]);
    expect(days(1, 360)).toEqual([1, 2, 2, 2, 3, 3, 3, 3]);
    // 30 h or more, or 5 days or more, is full-time whatever the other figure.
    expect(days(4, 1800)).toEqual([10, 11, 12, 14, 16, 18, 20, 20]);
    expect(days(5, 1200)).toEqual([10, 11, 12, 14, 16, 18, 20, 20]);
  });

  it('the 年5日 duty follows the grant size (≥ 10 days)', () => {
    const r = grantPaidLeave({
      hireDate: '2020-04-01',
      asOf: '2024-10-01',
      weeklyScheduledDays: 4,
      weeklyScheduledMinutes: 1440,
    });
    // 7, 8, 9, 10, 12 days: obliged from the 10-day grant of 2023-10-01.
    expect(r.grants.map((g) => [g.days, g.fiveDayObligation, g.fiveDayDeadline])).toEqual([
      [7, false, undefined],
      [8, false, undefined],
      [9, false, undefined],
      [10, true, '2024-09-30'],
      [12, true, '2025-09-30'],
    ]);
  });
});

describe('80 % attendance', () => {
  it('a year under 80 % is skipped but service keeps counting', () => {
    const r = grantPaidLeave({
      hireDate: '2024-04-01',
      asOf: '2026-10-01',
      ...fullTime,
      attendanceRates: [
        { from: '2024-04-01', to: '2024-09-30', rate: 0.9 },
        { from: '2024-10-01', to: '2025-09-30', rate: 0.75 },
      ],
    });
    // 2025-10-01 is skipped; 2026-10-01 is the 2.5-year grant: 12 days, not 11.
    expect(r.skipped).toEqual(['2025-10-01']);
    expect(r.grants.map((g) => [g.grantDate, g.days])).toEqual([
      ['2024-10-01', 10],
      ['2026-10-01', 12],
    ]);
    // The 2024-10-01 grant lapsed after 2026-09-30.
    expect(r.validDaysAtAsOf).toBe(12);
    expect(r.nextGrant).toEqual({ date: '2027-10-01', days: 14 });
  });

  it('exactly 80 % qualifies; a rate written up to the 基準日 still lands on its own year', () => {
    const r = grantPaidLeave({
      hireDate: '2024-04-01',
      asOf: '2025-10-01',
      ...fullTime,
      attendanceRates: [
        { from: '2024-04-01', to: '2024-10-01', rate: 0.8 },
        { from: '2024-10-01', to: '2025-10-01', rate: 0.5 },
      ],
    });
    expect(r.grants.map((g) => g.grantDate)).toEqual(['2024-10-01']);
    expect(r.skipped).toEqual(['2025-10-01']);
  });

  it('before the first grant: nothing valid yet, the next grant is the first', () => {
    const r = grantPaidLeave({ hireDate: '2024-04-01', asOf: '2024-09-30', ...fullTime });
    expect(r).toEqual({
      grants: [],
      skipped: [],
      validDaysAtAsOf: 0,
      nextGrant: { date: '2024-10-01', days: 10 },
    });
    const known = grantPaidLeave({
      hireDate: '2024-04-01',
      asOf: '2024-09-30',
      ...fullTime,
      attendanceRates: [{ from: '2024-04-01', to: '2024-09-30', rate: 0.5 }],
    });
    expect(known.nextGrant).toEqual({ date: '2024-10-01', days: 0 });
  });
});

describe('bad input', () => {
  it('throws a typed error naming the field', () => {
    const call = (patch: Record<string, unknown>) => () =>
      grantPaidLeave({ hireDate: '2024-04-01', asOf: '2025-04-01', ...fullTime, ...patch } as never);
    expect(call({ hireDate: '2024/04/01' })).toThrow(
      expect.objectContaining({ code: 'invalid_date', field: 'hireDate' }),
    );
    expect(call({ weeklyScheduledDays: 0 })).toThrow(
      expect.objectContaining({ field: 'weeklyScheduledDays' }),
    );
    expect(call({ weeklyScheduledMinutes: 1.5 })).toThrow(
      expect.objectContaining({ field: 'weeklyScheduledMinutes' }),
    );
    expect(call({ attendanceRates: [{ from: '2024-04-01', to: '2024-09-30', rate: 80 }] })).toThrow(
      expect.objectContaining({ field: 'attendanceRates[0].rate' }),
    );
    expect(call({ attendanceRates: [{ from: '2024-09-30', to: '2024-04-01', rate: 0.8 }] })).toThrow(
      LaborInputError,
    );
    expect(call({ hiredOn: '2024-04-01' })).toThrow(
      expect.objectContaining({ code: 'invalid_input', field: 'hiredOn' }),
    );
  });
});
