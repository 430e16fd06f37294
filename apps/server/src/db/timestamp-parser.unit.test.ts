import fc from 'fast-check';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { parseTimestamptz } from './timestamp-parser.ts';

// The parser pg would use (postgres-date), which the fast one must match Date for Date.
const general = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ) as (text: string) => Date | number;
const same = (text: string) => {
  const fast = parseTimestamptz(text);
  const slow = general(text);
  expect(fast instanceof Date ? fast.getTime() : fast).toEqual(slow instanceof Date ? slow.getTime() : slow);
};

describe('parseTimestamptz', () => {
  it('reads what PostgreSQL writes exactly as pg does', () => {
    for (const text of [
      '2025-06-02 08:45:00+09',
      '2025-06-02 23:59:59.999999+00',
      '2025-06-02 00:00:00.5-03:30',
      '2025-03-30 01:30:00.123+05:45',
      '1970-01-01 00:00:00+00',
      '1890-01-01 09:18:59+09:18:59',
      '0044-03-15 12:00:00+00',
      '0044-03-15 12:00:00+00 BC',
      'infinity',
      '-infinity',
    ])
      same(text);
  });

  it('matches pg for any instant, fraction and offset', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) }),
        fc.integer({ min: 0, max: 999_999 }),
        fc.integer({ min: -15 * 60, max: 15 * 60 }),
        fc.boolean(),
        (ms, micros, offsetMinutes, fraction) => {
          const wall = new Date(Math.floor(ms / 1000) * 1000 + offsetMinutes * 60_000).toISOString();
          const sign = offsetMinutes < 0 ? '-' : '+';
          const abs = Math.abs(offsetMinutes);
          const hh = String(Math.floor(abs / 60)).padStart(2, '0');
          const mm = abs % 60 === 0 ? '' : `:${String(abs % 60).padStart(2, '0')}`;
          const frac = fraction ? `.${String(micros).padStart(6, '0').replace(/0+$/, '') || '0'}` : '';
          same(`${wall.slice(0, 10)} ${wall.slice(11, 19)}${frac}${sign}${hh}${mm}`);
        },
      ),
    );
  });
});
