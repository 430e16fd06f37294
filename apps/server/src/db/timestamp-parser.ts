import pg from 'pg';

/** pg's own parser of `timestamptz` text (postgres-date), for anything the fast path does not take. */
const general = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ) as (text: string) => Date | number;

// What PostgreSQL writes under DateStyle ISO: 'YYYY-MM-DD HH:MM:SS[.ffffff]±HH[:MM]'.
const ISO_TIMESTAMPTZ = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(\.\d{1,6})?([+-])(\d\d)(?::(\d\d))?$/;

/**
 * A `timestamptz` as PostgreSQL sends it, as a Date: the common form with one anchored pattern,
 * the rest (seconds in the offset, BC, infinity, years before 100) by pg's parser. The same Date
 * as pg's parser (a unit test compares them); three times faster, which a report reading 41,000
 * punches feels (issue 21).
 */
export function parseTimestamptz(text: string): Date | number {
  const m = ISO_TIMESTAMPTZ.exec(text);
  if (!m || m[1]! < '0100') return general(text);
  const utc = Date.UTC(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6]),
    m[7] ? 1000 * Number.parseFloat(m[7]) : 0,
  );
  const offset = (Number(m[9]) * 60 + (m[10] ? Number(m[10]) : 0)) * 60_000;
  return new Date(m[8] === '-' ? utc + offset : utc - offset);
}
