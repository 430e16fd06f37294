// Creating an Intl.DateTimeFormat costs far more than using one (measured: 52,000 punches of a
// month report spent 5 s constructing them), so there is one per zone.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/**
 * The wall-clock parts of an instant in an IANA time zone, never the host's zone.
 * Uses Intl (pure computation, available in Node and browsers).
 */
export function wallClock(instant: Date, timeZone: string): { date: string; minutes: number } {
  const ms = instant.getTime();
  const wall = ms + offsetMinutes(ms, timeZone) * 60_000;
  const minuteOfDay = Math.floor((((wall / 60_000) % 1440) + 1440) % 1440);
  return { date: new Date(wall).toISOString().slice(0, 10), minutes: minuteOfDay };
}

// A zone's UTC offset only changes on quarter hours (DST and history), so it is looked up once per
// quarter hour and zone: reports convert tens of thousands of punches.
const offsets = new Map<string, number>();
function offsetMinutes(ms: number, timeZone: string): number {
  const bucket = Math.floor(ms / 900_000);
  const key = `${timeZone}|${bucket}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const at = bucket * 900_000;
    const parts = formatter(timeZone).formatToParts(new Date(at));
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
    const shown = Date.UTC(
      get('year'),
      get('month') - 1,
      get('day'),
      get('hour'),
      get('minute'),
      get('second'),
    );
    offset = Math.round((shown - at) / 60_000);
    if (offsets.size > 100_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/** Parses 'HH:mm' into minutes after midnight; throws on anything else. */
export function parseClockTime(value: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!match) throw new RangeError(`not a HH:mm time: ${value}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** The previous calendar date of a YYYY-MM-DD date. */
export function previousDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d - 1));
  return t.toISOString().slice(0, 10);
}

/**
 * The work date a punch at `instant` is filed under: the contract-zone calendar date, or the day
 * before when the punch falls before the 日付の変わり目 (day boundary, default 05:00), so that a
 * night shift past midnight stays one work day (product.md §6).
 *
 * @example workDateOf(new Date('2026-11-28T18:30:00Z'), 'Asia/Tokyo', '05:00') // '2026-11-28' (03:30 JST → previous day)
 */
export function workDateOf(instant: Date, timeZone: string, dayBoundary = '05:00'): string {
  const wall = wallClock(instant, timeZone);
  return wall.minutes < parseClockTime(dayBoundary) ? previousDate(wall.date) : wall.date;
}

/**
 * An instant as ISO 8601 with the zone's offset, e.g. 2026-11-28T09:00:00+09:00 (API convention).
 */
export function isoInZone(instant: Date, timeZone: string): string {
  const ms = Math.floor(instant.getTime() / 1000) * 1000;
  const offset = offsetMinutes(ms, timeZone);
  const wall = new Date(ms + offset * 60_000).toISOString().slice(0, 19);
  const abs = Math.abs(offset);
  const hours = String(Math.floor(abs / 60)).padStart(2, '0');
  return `${wall}${offset >= 0 ? '+' : '-'}${hours}:${String(abs % 60).padStart(2, '0')}`;
}

/** 'YYYY-MM-DDTHH:mm' wall time of an instant in a zone (the engine's event format). */
export function wallMinuteOf(instant: Date, timeZone: string): string {
  // The same text as the wall clock's date and minutes, built from cached parts: a report turns
  // every punch of a month (41,000 for 500 staff) into one (issue 21).
  return wallMinuteOfEpochMinute(Math.floor(instant.getTime() / 60_000), timeZone);
}

/**
 * wallMinuteOf of an instant given as whole minutes since the epoch (its seconds dropped, as the
 * engine drops them): the same text, since zone offsets are whole minutes and the offset cache's
 * 15-minute buckets hold whole minutes. Reports read punches as epoch minutes (issue 21).
 */
export function wallMinuteOfEpochMinute(epochMinute: number, timeZone: string): string {
  const wallMinute = epochMinute + offsetMinutes(epochMinute * 60_000, timeZone);
  const day = Math.floor(wallMinute / 1440);
  return `${isoDateOfDay(day)}T${CLOCK_TEXT[wallMinute - day * 1440]!}`;
}

/** 'HH:mm' of each minute of a day. */
const CLOCK_TEXT = Array.from(
  { length: 1440 },
  (_, m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`,
);
const dayTexts = new Map<number, string>();
/** 'YYYY-MM-DD' of a day number since the epoch (cached: a report meets a few dozen). */
function isoDateOfDay(day: number): string {
  let text = dayTexts.get(day);
  if (text === undefined) {
    text = new Date(day * 86_400_000).toISOString().slice(0, 10);
    if (dayTexts.size > 100_000) dayTexts.clear();
    dayTexts.set(day, text);
  }
  return text;
}

/**
 * The instant of a wall time 'YYYY-MM-DDTHH:mm' in a zone, never via the host's zone. In a DST gap
 * the later offset applies; Japan has none.
 *
 * @example instantOfWall('2026-11-28T09:00', 'Asia/Tokyo').toISOString() // '2026-11-28T00:00:00.000Z'
 */
export function instantOfWall(wall: string, timeZone: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(wall);
  if (!match) throw new RangeError(`not a YYYY-MM-DDTHH:mm time: ${wall}`);
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  // The zone's offset at that moment, found from the wall clock it shows (twice, for DST edges).
  let instant = asUtc;
  for (let i = 0; i < 2; i++) {
    const shown = wallClock(new Date(instant), timeZone);
    const [sy, sm, sd] = shown.date.split('-').map(Number) as [number, number, number];
    const shownUtc = Date.UTC(sy, sm - 1, sd) + shown.minutes * 60_000;
    instant += asUtc - shownUtc;
  }
  if (Number.isNaN(instant)) throw new RangeError(`not a real time: ${wall}`);
  return new Date(instant);
}
