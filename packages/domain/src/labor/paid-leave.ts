import { z } from 'zod';
import { LaborInputError } from './labor-error.ts';
import { civilFromDays, daysFromCivil, daysInMonth, formatDate, parseIsoDate } from './wall-time.ts';

export interface AttendanceRate {
  /** First day of the attendance year, `YYYY-MM-DD`. */
  readonly from: string;
  /** Last day of the attendance year, `YYYY-MM-DD`. */
  readonly to: string;
  /** 出勤率 as a fraction, 0–1 (attended ÷ 全労働日). */
  readonly rate: number;
}

export interface GrantPaidLeaveInput {
  readonly hireDate: string;
  readonly asOf: string;
  readonly weeklyScheduledDays: number;
  readonly weeklyScheduledMinutes: number;
  /** One entry per attendance year; a missing year counts as ≥ 80 %. */
  readonly attendanceRates?: readonly AttendanceRate[];
}

export interface PaidLeaveGrant {
  grantDate: string;
  /** 0.5, 1.5, 2.5, … years of continuous service at the grant. */
  serviceYears: number;
  days: number;
  /** Last usable day: grant + 2 years − 1 day (労基法115条). */
  expiresOn: string;
  /** 年5日取得義務 (労基法39条7項, from 2019-04): a grant of ≥ 10 days. */
  fiveDayObligation: boolean;
  /** Last day by which 5 days must be taken: 基準日 + 1 year − 1 day. Only when obliged. */
  fiveDayDeadline?: string;
}

export interface PaidLeaveEntitlement {
  grants: PaidLeaveGrant[];
  /** Grant dates up to `asOf` with no grant because 出勤率 was under 80 %. */
  skipped: string[];
  /** Days of the grants valid on `asOf` (usage is not modelled here). */
  validDaysAtAsOf: number;
  nextGrant: { date: string; days: number };
}

const GrantPaidLeaveInputSchema = z
  .object({
    hireDate: z.string(),
    asOf: z.string(),
    weeklyScheduledDays: z.int().min(1).max(7),
    weeklyScheduledMinutes: z
      .int()
      .min(0)
      .max(7 * 1440),
    attendanceRates: z
      .array(z.object({ from: z.string(), to: z.string(), rate: z.number().min(0).max(1) }).strict())
      .optional(),
  })
  .strict();

/** 労基法39条2項: days by service years 0.5, 1.5, …, ≥ 6.5 for full-time staff [43]. */
const FULL_TIME_DAYS = [10, 11, 12, 14, 16, 18, 20] as const;
/** 労基法施行規則24条の3: 比例付与 by 週所定日数 4, 3, 2, 1 [41][44]. */
const PROPORTIONAL_DAYS: Record<number, readonly number[]> = {
  4: [7, 8, 9, 10, 12, 13, 15],
  3: [5, 6, 6, 8, 9, 10, 11],
  2: [3, 4, 4, 5, 6, 6, 7],
  1: [1, 2, 2, 2, 3, 3, 3],
};

/** The 5-day obligation applies to grants from 2019-04-01 (働き方改革関連法). */
const FIVE_DAY_OBLIGATION_FROM = daysFromCivil(2019, 4, 1);

/**
 * The day a period of `months` months counted from `day` (that day included, as 労基法39条 counts from
 * the hire date) is over, i.e. the day after the period ends, per 民法143条: the period ends the day
 * before the corresponding day, or on the last day of the month when there is no corresponding day.
 *
 * @example formatDate(monthsLater(daysFromCivil(2024, 8, 31), 6)) // '2025-03-01' (period ends 02-28)
 * @example formatDate(monthsLater(daysFromCivil(2024, 2, 29), 12)) // '2025-03-01'
 */
export function monthsLater(day: number, months: number): number {
  const c = civilFromDays(day);
  const index = c.year * 12 + (c.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  if (c.day <= daysInMonth(year, month)) return daysFromCivil(year, month, c.day);
  return daysFromCivil(year, month, daysInMonth(year, month)) + 1;
}

function daysFor(serviceIndex: number, weeklyDays: number, weeklyMinutes: number): number {
  const column = Math.min(serviceIndex, 6);
  // 比例付与 only when the week is under 30 h AND at most 4 days (則24条の3).
  const row = weeklyMinutes < 30 * 60 && weeklyDays <= 4 ? PROPORTIONAL_DAYS[weeklyDays] : FULL_TIME_DAYS;
  return row?.[column] ?? 0;
}

/**
 * Paid-leave grants up to `asOf` (labor-rules.md §10, §12).
 *
 * The first 基準日 is the day after 6 months counted from the hire date (民法143条); later grants fall
 * on the first 基準日 + 12·n months, so a 29 February recurs as 1 March in common years. A year under
 * 80 % 出勤率 is skipped, but service keeps counting. Each grant lasts 2 years.
 *
 * @example
 * grantPaidLeave({ hireDate: '2024-08-31', asOf: '2025-03-01', weeklyScheduledDays: 5,
 *   weeklyScheduledMinutes: 2400, attendanceRates: [] });
 * // → grants [{ grantDate: '2025-03-01', serviceYears: 0.5, days: 10, expiresOn: '2027-02-28',
 * //             fiveDayObligation: true, fiveDayDeadline: '2026-02-28' }],
 * //   skipped [], validDaysAtAsOf 10, nextGrant { date: '2026-03-01', days: 11 }
 */
export function grantPaidLeave(input: GrantPaidLeaveInput): PaidLeaveEntitlement {
  const parsed = GrantPaidLeaveInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = [...issue.path, ...(issue.code === 'unrecognized_keys' ? [issue.keys[0] ?? ''] : [])];
    const field = path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('');
    throw new LaborInputError(
      issue.code === 'invalid_type' || issue.code === 'unrecognized_keys'
        ? 'invalid_input'
        : 'invalid_number',
      field.replace(/^\./, '') || 'input',
      issue.message,
    );
  }
  const { weeklyScheduledDays, weeklyScheduledMinutes } = parsed.data;
  const hire = parseIsoDate(parsed.data.hireDate, 'hireDate');
  const asOf = parseIsoDate(parsed.data.asOf, 'asOf');
  const rates = (parsed.data.attendanceRates ?? []).map((entry, i) => {
    const from = parseIsoDate(entry.from, `attendanceRates[${i}].from`);
    const to = parseIsoDate(entry.to, `attendanceRates[${i}].to`);
    if (to < from)
      throw new LaborInputError('invalid_period', `attendanceRates[${i}].to`, 'ends before it starts');
    return { from, to, rate: entry.rate };
  });

  const firstGrant = monthsLater(hire, 6);
  const grantDate = (n: number) => (n === 0 ? firstGrant : monthsLater(firstGrant, 12 * n));
  const periodStart = (n: number) => (n === 0 ? hire : grantDate(n - 1));

  // Each rate belongs to the attendance year it overlaps most, so `to` written as the 基準日 itself
  // (one day too far) still lands on the right year.
  const rateOf = new Map<number, { rate: number; overlap: number }>();
  for (const entry of rates) {
    let best = -1;
    let bestOverlap = 0;
    for (let n = 0; periodStart(n) <= entry.to; n++) {
      const overlap = Math.min(entry.to, grantDate(n) - 1) - Math.max(entry.from, periodStart(n)) + 1;
      if (overlap > bestOverlap) {
        best = n;
        bestOverlap = overlap;
      }
    }
    const current = rateOf.get(best);
    if (best >= 0 && (current === undefined || current.overlap < bestOverlap)) {
      rateOf.set(best, { rate: entry.rate, overlap: bestOverlap });
    }
  }
  // 労基法39条: 80 % of 全労働日 (通達 counts 年休 and lateness days as attended; the caller's rate does).
  const eligible = (n: number) => (rateOf.get(n)?.rate ?? 1) >= 0.8;

  const grants: PaidLeaveGrant[] = [];
  const skipped: string[] = [];
  let validDaysAtAsOf = 0;
  let n = 0;
  for (; grantDate(n) <= asOf; n++) {
    const date = grantDate(n);
    if (!eligible(n)) {
      skipped.push(formatDate(date));
      continue;
    }
    const days = daysFor(n, weeklyScheduledDays, weeklyScheduledMinutes);
    // 労基法115条: the right lapses 2 years after the 基準日; the last usable day is the day before.
    const expires = monthsLater(date, 24) - 1;
    const fiveDayObligation = days >= 10 && date >= FIVE_DAY_OBLIGATION_FROM;
    const grant: PaidLeaveGrant = {
      grantDate: formatDate(date),
      serviceYears: n + 0.5,
      days,
      expiresOn: formatDate(expires),
      fiveDayObligation,
    };
    if (fiveDayObligation) grant.fiveDayDeadline = formatDate(monthsLater(date, 12) - 1);
    grants.push(grant);
    if (asOf <= expires) validDaysAtAsOf += days;
  }
  return {
    grants,
    skipped,
    validDaysAtAsOf,
    nextGrant: {
      date: formatDate(grantDate(n)),
      days: eligible(n) ? daysFor(n, weeklyScheduledDays, weeklyScheduledMinutes) : 0,
    },
  };
}
