import { describe, expect, it } from 'vitest';
import {
  addMonths,
  formatDayMinutes,
  formatMinutes,
  payMonthOf,
  payPeriodOfMonth,
  punchClock,
  weekdayOf,
} from './timecardFormat.ts';

describe('durations', () => {
  it('writes minutes as h:mm or as decimal hours the way the CSV does', () => {
    expect(formatMinutes(510)).toBe('8:30');
    expect(formatMinutes(0)).toBe('0:00');
    expect(formatMinutes(9871)).toBe('164:31');
    expect(formatMinutes(9871, 'decimal')).toBe('164.52');
    expect(formatMinutes(510, 'decimal')).toBe('8.50');
    expect(formatMinutes(1, 'decimal')).toBe('0.02');
  });

  it('leaves a zero day figure blank', () => {
    expect(formatDayMinutes(0)).toBe('');
    expect(formatDayMinutes(30)).toBe('0:30');
  });
});

describe('pay periods (締め日)', () => {
  it('names the period containing a date by the month it starts in', () => {
    expect(payMonthOf('2026-11-10', 21)).toBe('2026-10');
    expect(payMonthOf('2026-11-21', 21)).toBe('2026-11');
    expect(payMonthOf('2026-01-05', 21)).toBe('2025-12');
    expect(payMonthOf('2026-11-28', 1)).toBe('2026-11');
  });

  it('spans a month from the start day, as the server counts it', () => {
    expect(payPeriodOfMonth('2025-06', 1)).toEqual({ from: '2025-06-01', to: '2025-06-30' });
    expect(payPeriodOfMonth('2026-10', 21)).toEqual({ from: '2026-10-21', to: '2026-11-20' });
    expect(payPeriodOfMonth('2025-12', 21)).toEqual({ from: '2025-12-21', to: '2026-01-20' });
    expect(payPeriodOfMonth('2024-02', 1)).toEqual({ from: '2024-02-01', to: '2024-02-29' });
  });

  it('moves months across years', () => {
    expect(addMonths('2025-01', -1)).toBe('2024-12');
    expect(addMonths('2025-12', 1)).toBe('2026-01');
  });
});

describe('days and punches', () => {
  it('reads weekdays of calendar dates without a time zone', () => {
    expect(weekdayOf('2025-06-01')).toBe(0);
    expect(weekdayOf('2025-06-07')).toBe(6);
  });

  it('marks a punch after midnight of its work date', () => {
    expect(punchClock('2025-06-02T09:05', '2025-06-02', '翌')).toBe('09:05');
    expect(punchClock('2025-06-03T02:10', '2025-06-02', '翌')).toBe('翌02:10');
  });
});
