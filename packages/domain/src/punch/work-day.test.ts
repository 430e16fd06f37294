import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  instantOfWall,
  isoInZone,
  previousDate,
  wallClock,
  wallMinuteOf,
  wallMinuteOfEpochMinute,
  workDateOf,
} from './work-day.ts';

describe('workDateOf', () => {
  it('files a punch before the 05:00 day boundary under the previous day (a night shift stays one work day)', () => {
    // 2026-11-28 03:30 JST = 2026-11-27T18:30Z
    expect(workDateOf(new Date('2026-11-27T18:30:00Z'), 'Asia/Tokyo')).toBe('2026-11-27');
    // 05:00 JST exactly starts the new work day.
    expect(workDateOf(new Date('2026-11-27T20:00:00Z'), 'Asia/Tokyo')).toBe('2026-11-28');
    expect(workDateOf(new Date('2026-11-27T19:59:00Z'), 'Asia/Tokyo')).toBe('2026-11-27');
  });

  it('uses the contract’s zone, not the host’s, and a configurable boundary', () => {
    // 2026-11-28 00:30 JST; with a midnight boundary it is the 28th.
    expect(workDateOf(new Date('2026-11-27T15:30:00Z'), 'Asia/Tokyo', '00:00')).toBe('2026-11-28');
    expect(wallClock(new Date('2026-11-27T15:30:00Z'), 'Asia/Tokyo')).toEqual({
      date: '2026-11-28',
      minutes: 30,
    });
    expect(wallClock(new Date('2026-11-27T15:30:00Z'), 'America/New_York').date).toBe('2026-11-27');
  });

  it('steps back across month and year ends', () => {
    expect(previousDate('2026-03-01')).toBe('2026-02-28');
    expect(previousDate('2028-03-01')).toBe('2028-02-29');
    expect(previousDate('2027-01-01')).toBe('2026-12-31');
  });
});

describe('isoInZone', () => {
  it('writes instants with the contract zone’s offset', () => {
    expect(isoInZone(new Date('2026-11-28T00:00:00Z'), 'Asia/Tokyo')).toBe('2026-11-28T09:00:00+09:00');
    expect(isoInZone(new Date('2026-07-01T12:34:56.789Z'), 'America/New_York')).toBe(
      '2026-07-01T08:34:56-04:00',
    );
  });

  it('takes the offset in force at that second, across DST changes and odd offsets', () => {
    // 2026-03-08 02:00 EST → 03:00 EDT; 2026-11-01 02:00 EDT → 01:00 EST.
    expect(isoInZone(new Date('2026-03-08T06:59:59Z'), 'America/New_York')).toBe('2026-03-08T01:59:59-05:00');
    expect(isoInZone(new Date('2026-03-08T07:00:00Z'), 'America/New_York')).toBe('2026-03-08T03:00:00-04:00');
    expect(isoInZone(new Date('2026-11-01T05:59:59Z'), 'America/New_York')).toBe('2026-11-01T01:59:59-04:00');
    expect(isoInZone(new Date('2026-11-01T06:00:00Z'), 'America/New_York')).toBe('2026-11-01T01:00:00-05:00');
    expect(isoInZone(new Date('2026-11-28T00:00:00Z'), 'Asia/Kathmandu')).toBe('2026-11-28T05:45:00+05:45');
    expect(isoInZone(new Date('2026-11-28T00:00:00Z'), 'UTC')).toBe('2026-11-28T00:00:00+00:00');
  });
});

describe('instantOfWall / wallMinuteOf', () => {
  it('converts between wall minutes and instants in the contract’s zone', () => {
    expect(instantOfWall('2026-11-28T09:00', 'Asia/Tokyo').toISOString()).toBe('2026-11-28T00:00:00.000Z');
    expect(instantOfWall('2026-01-01T00:30', 'Asia/Tokyo').toISOString()).toBe('2025-12-31T15:30:00.000Z');
    expect(wallMinuteOf(new Date('2025-12-31T15:30:59Z'), 'Asia/Tokyo')).toBe('2026-01-01T00:30');
    expect(instantOfWall('2026-07-01T08:00', 'America/New_York').toISOString()).toBe(
      '2026-07-01T12:00:00.000Z',
    );
    expect(() => instantOfWall('2026-11-28 09:00', 'Asia/Tokyo')).toThrow(RangeError);
  });
});

describe('wallMinuteOf (issue 21: built from cached parts)', () => {
  it('is the wall clock of the instant, in any zone', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1950, 0, 1), max: Date.UTC(2100, 0, 1) }),
        fc.constantFrom('Asia/Tokyo', 'America/New_York', 'America/St_Johns', 'Asia/Kathmandu', 'UTC'),
        (ms, zone) => {
          const wall = wallClock(new Date(ms), zone);
          const hh = String(Math.floor(wall.minutes / 60)).padStart(2, '0');
          const mm = String(wall.minutes % 60).padStart(2, '0');
          expect(wallMinuteOf(new Date(ms), zone)).toBe(`${wall.date}T${hh}:${mm}`);
        },
      ),
    );
  });
});

describe('wallMinuteOfEpochMinute (issue 21: reports read punches as epoch minutes)', () => {
  it('is the wall clock of any instant within that minute', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1950, 0, 1), max: Date.UTC(2100, 0, 1) }),
        fc.constantFrom('Asia/Tokyo', 'America/New_York', 'America/St_Johns', 'Asia/Kathmandu', 'UTC'),
        (ms, zone) => {
          const wall = wallClock(new Date(ms), zone);
          const hh = String(Math.floor(wall.minutes / 60)).padStart(2, '0');
          const mm = String(wall.minutes % 60).padStart(2, '0');
          expect(wallMinuteOfEpochMinute(Math.floor(ms / 60_000), zone)).toBe(`${wall.date}T${hh}:${mm}`);
        },
      ),
    );
  });
});
