import { LaborInputError } from './labor-error.ts';

/**
 * Civil-time arithmetic on integers, without `Date` and without the host time zone.
 *
 * labor-rules.md §1: timestamps are Asia/Tokyo wall time (fixed UTC+9, no DST), so the engine counts
 * "wall minutes since 1970-01-01T00:00" directly. A calendar day is then `floor(minute / 1440)` and no
 * result can depend on `TZ`.
 */

export const MINUTES_PER_DAY = 1440;

/** Weekday names in the order of {@link weekdayOf} (0 = Sunday). */
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
 *
 * @example daysFromCivil(1970, 1, 1) // 0
 * @example daysFromCivil(2025, 6, 2) // 20241
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** Inverse of {@link daysFromCivil}. */
export function civilFromDays(days: number): CivilDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** 0 = Sunday … 6 = Saturday. Day 0 (1970-01-01) was a Thursday. */
export function weekdayOf(days: number): number {
  return (((days + 4) % 7) + 7) % 7;
}

/** Floor division that stays right for minutes before 1970. */
export function dayOfMinute(minute: number): number {
  return Math.floor(minute / MINUTES_PER_DAY);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** `YYYY-MM-DD` of a day number. */
export function formatDate(days: number): string {
  const c = civilFromDays(days);
  return `${pad(c.year, 4)}-${pad(c.month, 2)}-${pad(c.day, 2)}`;
}

/** `YYYY-MM-DDTHH:mm` of a wall minute (used by tests and the benchmark to build events). */
export function formatWallTime(minute: number): string {
  const days = dayOfMinute(minute);
  const m = minute - days * MINUTES_PER_DAY;
  return `${formatDate(days)}T${pad(Math.floor(m / 60), 2)}:${pad(m % 60, 2)}`;
}

// Character codes, read with charCodeAt: the parser runs for every punch of every staff-month.
const ZERO = 48;
const NINE = 57;

function digitsAt(s: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const c = s.charCodeAt(i);
    if (c < ZERO || c > NINE) return -1;
    value = value * 10 + (c - ZERO);
  }
  return value;
}

// One-entry memo of the last date read: punches come day by day, so most share the previous date.
let memoYmd = -1;
let memoDays = 0;

function dateAt(s: string): number {
  // Layout YYYY-MM-DD, checked position by position.
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return Number.NaN;
  const year = digitsAt(s, 0, 4);
  const month = digitsAt(s, 5, 2);
  const day = digitsAt(s, 8, 2);
  if (year < 0 || month < 0 || day < 0) return Number.NaN;
  const ymd = year * 10000 + month * 100 + day;
  if (ymd === memoYmd) return memoDays;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  memoYmd = ymd;
  memoDays = daysFromCivil(year, month, day);
  return memoDays;
}

/**
 * Parses `YYYY-MM-DD` into a day number, or throws `invalid_date` naming `field`.
 *
 * @example parseIsoDate('2025-06-02', 'period.from') // 20241
 */
export function parseIsoDate(value: unknown, field: string): number {
  if (typeof value === 'string' && value.length === 10) {
    const days = dateAt(value);
    if (!Number.isNaN(days)) return days;
  }
  throw new LaborInputError(
    'invalid_date',
    field,
    `expected a date YYYY-MM-DD, got ${JSON.stringify(value)}`,
  );
}

/**
 * Parses `YYYY-MM-DDTHH:mm` (wall time, no offset, no seconds) into wall minutes since 1970-01-01T00:00,
 * or throws `invalid_time` naming `field`. The host time zone is never consulted.
 *
 * @example parseWallTime('2025-06-02T09:00', 'events[0].at') // 20241 * 1440 + 540
 */
export function parseWallTime(value: unknown, field: string): number {
  if (typeof value === 'string' && value.length === 16 && value.charCodeAt(10) === 84 /* T */) {
    const days = dateAt(value);
    const hour = digitsAt(value, 11, 2);
    const minute = digitsAt(value, 14, 2);
    if (
      !Number.isNaN(days) &&
      value.charCodeAt(13) === 58 /* : */ &&
      hour >= 0 &&
      hour <= 23 &&
      minute >= 0 &&
      minute <= 59
    ) {
      return days * MINUTES_PER_DAY + hour * 60 + minute;
    }
  }
  throw new LaborInputError(
    'invalid_time',
    field,
    `expected a wall time YYYY-MM-DDTHH:mm, got ${JSON.stringify(value)}`,
  );
}

/** Parses `HH:mm` (00:00–23:59) into minutes of the day, or throws `invalid_time` naming `field`. */
export function parseClockTime(value: unknown, field: string): number {
  if (typeof value === 'string' && value.length === 5 && value.charCodeAt(2) === 58) {
    const hour = digitsAt(value, 0, 2);
    const minute = digitsAt(value, 3, 2);
    if (hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59) return hour * 60 + minute;
  }
  throw new LaborInputError('invalid_time', field, `expected a time HH:mm, got ${JSON.stringify(value)}`);
}

/** True when `value` is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  return value.length === 10 && !Number.isNaN(dateAt(value));
}
