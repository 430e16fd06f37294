import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LaborInputError } from './labor-error.ts';
import {
  civilFromDays,
  daysFromCivil,
  formatDate,
  formatWallTime,
  parseClockTime,
  parseIsoDate,
  parseWallTime,
  weekdayOf,
} from './wall-time.ts';

describe('civil dates as integers', () => {
  it('counts days from 1970-01-01 (a Thursday)', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(weekdayOf(0)).toBe(4);
    // 2025-06-02 is a Monday, 20 241 days after the epoch (55 years incl. 14 leap days + 152 days).
    expect(daysFromCivil(2025, 6, 2)).toBe(20241);
    expect(weekdayOf(20241)).toBe(1);
    expect(formatDate(daysFromCivil(2024, 2, 29))).toBe('2024-02-29');
    expect(weekdayOf(daysFromCivil(1969, 12, 31))).toBe(3); // before the epoch too
  });

  it('round-trips every day with the same calendar as Date.UTC (which ignores TZ)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (days) => {
        const c = civilFromDays(days);
        expect(daysFromCivil(c.year, c.month, c.day)).toBe(days);
        expect(Date.UTC(c.year, c.month - 1, c.day) / 86_400_000).toBe(days);
      }),
    );
  });
});

describe('parsing wall time without the host time zone', () => {
  it('reads YYYY-MM-DDTHH:mm as minutes since 1970-01-01T00:00 wall time', () => {
    expect(parseWallTime('2025-06-02T09:00', 'at')).toBe(20241 * 1440 + 540);
    expect(formatWallTime(20241 * 1440 + 540)).toBe('2025-06-02T09:00');
    expect(parseWallTime('2024-02-29T23:59', 'at')).toBe(daysFromCivil(2024, 2, 29) * 1440 + 1439);
  });

  it.each([
    '2025-06-02 09:00',
    '2025-06-02T9:00',
    '2025-06-02T09:00:00',
    '2025-06-02T09:00+09:00',
    '2025-06-02T24:00',
    '2025-06-02T09:60',
    '2025-02-29T09:00',
    '2025-13-01T09:00',
    '2025-06-31T09:00',
    '',
  ])('rejects %j with invalid_time naming the field', (value) => {
    expect(() => parseWallTime(value, 'events[3].at')).toThrow(
      expect.objectContaining({ name: 'LaborInputError', code: 'invalid_time', field: 'events[3].at' }),
    );
  });

  it('rejects non-strings, malformed dates and clock times', () => {
    expect(() => parseWallTime(1_700_000_000, 'at')).toThrow(LaborInputError);
    expect(() => parseIsoDate('2025-6-2', 'period.from')).toThrow(/period\.from/);
    expect(() => parseIsoDate('2023-02-29', 'period.from')).toThrow(LaborInputError);
    expect(parseClockTime('23:59', 'x')).toBe(1439);
    expect(() => parseClockTime('24:00', 'settings.lateNight.start')).toThrow(/settings\.lateNight\.start/);
  });
});
