import { monthsLater } from '../labor/paid-leave.ts';
import { civilFromDays, daysFromCivil, formatDate, parseIsoDate } from '../labor/wall-time.ts';

/** How leave is taken: 全日, 午前半休, 午後半休 or 時間単位. */
export const LEAVE_UNITS = ['full', 'am', 'pm', 'hours'] as const;
export type LeaveUnit = (typeof LEAVE_UNITS)[number];

/**
 * Hours of 時間単位 leave that make one day: the 所定労働時間 of a day (週所定労働時間 ÷ 週所定労働日数),
 * an hour's fraction rounded up (平成21.5.29基発0529001号: 7時間30分 counts as 8 hours), at least 1.
 */
export function leaveHoursPerDay(weeklyMinutes: number, weeklyDays: number): number {
  if (weeklyDays <= 0) return 8;
  return Math.max(1, Math.ceil(weeklyMinutes / weeklyDays / 60));
}

/**
 * Balances are counted in half-hours of leave, so that a day (2·H), a half day (H) and an hour (2)
 * are all whole numbers whatever H (hours per day) is, and sums stay exact.
 */
export function unitsOf(unit: LeaveUnit, hours: number | null | undefined, hoursPerDay: number): number {
  if (unit === 'full') return 2 * hoursPerDay;
  if (unit === 'am' || unit === 'pm') return hoursPerDay;
  return 2 * (hours ?? 0);
}

/** Days (fractional for hours) of a number of half-hour units. */
export function daysOfUnits(units: number, hoursPerDay: number): number {
  return units / (2 * hoursPerDay);
}

/** 「3日4時間」-style split of a number of units: whole days, then hours (may be x.5). */
export function splitUnits(units: number, hoursPerDay: number): { days: number; hours: number } {
  const perDay = 2 * hoursPerDay;
  const sign = units < 0 ? -1 : 1;
  const abs = Math.abs(units);
  return { days: sign * Math.floor(abs / perDay), hours: (sign * (abs % perDay)) / 2 };
}

export interface LedgerGrant {
  id: number;
  grantDate: string;
  expiresOn: string;
  /** Days granted (0.5 steps). */
  days: number;
}

export interface LedgerUse {
  id: number;
  date: string;
  unit: LeaveUnit;
  hours?: number | null;
}

export interface AllocatedGrant extends LedgerGrant {
  usedUnits: number;
  remainingUnits: number;
}

export interface Allocation {
  grants: AllocatedGrant[];
  /** Per use: which grants it drew from, and the units nothing could cover (0 when covered). */
  uses: {
    id: number;
    date: string;
    units: number;
    from: { grantId: number; units: number }[];
    short: number;
  }[];
}

/**
 * 有給 consumption, oldest valid grant first (FIFO): each use, in date order, takes from the grants
 * valid on its date (基準日 ≤ date ≤ expiresOn) in order of 基準日. What no grant covers is `short`.
 *
 * @example
 * allocateLeave([{ id: 1, grantDate: '2024-04-01', expiresOn: '2026-03-31', days: 10 },
 *                { id: 2, grantDate: '2025-04-01', expiresOn: '2027-03-31', days: 11 }],
 *               [{ id: 7, date: '2025-05-01', unit: 'full' }], 8)
 * // grant 1 used 16 units (1 day), grant 2 untouched
 */
export function allocateLeave(grants: LedgerGrant[], uses: LedgerUse[], hoursPerDay: number): Allocation {
  const ordered = [...grants]
    .sort((a, b) => (a.grantDate < b.grantDate ? -1 : a.grantDate > b.grantDate ? 1 : a.id - b.id))
    .map((g) => ({ ...g, usedUnits: 0, remainingUnits: Math.round(g.days * 2 * hoursPerDay) }));
  const result: Allocation['uses'] = [];
  const sortedUses = [...uses].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id));
  for (const use of sortedUses) {
    let need = unitsOf(use.unit, use.hours, hoursPerDay);
    const units = need;
    const from: { grantId: number; units: number }[] = [];
    for (const grant of ordered) {
      if (need === 0) break;
      if (grant.grantDate > use.date || grant.expiresOn < use.date || grant.remainingUnits === 0) continue;
      const take = Math.min(need, grant.remainingUnits);
      grant.remainingUnits -= take;
      grant.usedUnits += take;
      need -= take;
      from.push({ grantId: grant.id, units: take });
    }
    result.push({ id: use.id, date: use.date, units, from, short: need });
  }
  return { grants: ordered, uses: result };
}

/** The grant's last usable day: 基準日 + 2 years − 1 day (労基法115条), exactly as grantPaidLeave counts it. */
export function leaveExpiryOf(grantDate: string): string {
  return formatDate(monthsLater(parseIsoDate(grantDate, 'grantDate'), 24) - 1);
}

/** `date` plus `months` months, clipped to the month's end (for "within 3 months" windows). */
export function addMonths(date: string, months: number): string {
  const c = civilFromDays(parseIsoDate(date, 'date'));
  const index = c.year * 12 + (c.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return formatDate(daysFromCivil(year, month, Math.min(c.day, last)));
}

/** Days of leave that count toward 年5日 (labor-rules.md §10): full 1, half 0.5, hours never. */
export function fiveDayCount(unit: LeaveUnit): number {
  return unit === 'full' ? 1 : unit === 'am' || unit === 'pm' ? 0.5 : 0;
}

export interface HalfDaySchedule {
  start: string;
  end: string;
  breaks: [string, string][];
}

const toMinutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
const toTime = (minutes: number) => {
  const m = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};

/**
 * The part of a day's schedule still to work on a 半休 (CONVENTION, ADR 016): 午前半休 leaves the span
 * after the first scheduled break, 午後半休 the span before it; a day without breaks is split at the
 * middle of its scheduled minutes. Lateness and early leave are then judged against this part.
 *
 * @example halfDaySchedule({ start: '09:00', end: '18:00', breaks: [['12:00', '13:00']] }, 'am')
 * // → { start: '13:00', end: '18:00', breaks: [] }
 */
export function halfDaySchedule(schedule: HalfDaySchedule, half: 'am' | 'pm'): HalfDaySchedule {
  const start = toMinutes(schedule.start);
  let end = toMinutes(schedule.end);
  if (end <= start) end += 1440;
  const rel = (t: string) => {
    const m = toMinutes(t);
    return m < start ? m + 1440 : m;
  };
  const breaks = schedule.breaks
    .map(([s, e]) => [rel(s), rel(e)] as [number, number])
    .filter(([s, e]) => s >= start && e <= end && e > s)
    .sort((a, b) => a[0] - b[0]);
  const first = breaks[0];
  let cutStart: number;
  let cutEnd: number;
  if (first) {
    [cutStart, cutEnd] = first;
  } else {
    cutStart = cutEnd = start + Math.floor((end - start) / 2);
  }
  const pick = (from: number, to: number) => ({
    start: toTime(from),
    end: toTime(to),
    breaks: breaks
      .filter(([s, e]) => s >= from && e <= to && !(s === cutStart && e === cutEnd))
      .map(([s, e]) => [toTime(s), toTime(e)] as [string, string]),
  });
  return half === 'am' ? pick(cutEnd, end) : pick(start, cutStart);
}
