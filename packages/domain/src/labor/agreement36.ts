import { z } from 'zod';
import { LaborInputError } from './labor-error.ts';

export interface Agreement36Config {
  /** 特別条項 of the 36協定. */
  readonly specialClause: boolean;
  /** First month of the agreement year, `YYYY-MM`. */
  readonly agreementStartMonth: string;
}

export interface Agreement36Month {
  /** `YYYY-MM`. */
  readonly month: string;
  /** 時間外 (法定外) minutes of the month. */
  readonly overtimeMinutes: number;
  /** 法定休日労働 minutes of the month. */
  readonly legalHolidayMinutes: number;
}

export type Agreement36ViolationCode =
  | 'SINGLE_MONTH_100H_OR_MORE'
  | 'MULTI_MONTH_AVERAGE_OVER_80H'
  | 'SPECIAL_MONTHS_OVER_45H_EXCEEDED'
  | 'SPECIAL_YEAR_OVER_720H'
  | 'BASIC_MONTH_OVER_45H'
  | 'BASIC_YEAR_OVER_360H';

export interface Agreement36Violation {
  month: string;
  code: Agreement36ViolationCode;
  /** The figure that crossed the line: the month's 時間外 + 休日, the month's 時間外 or the year's 時間外. */
  minutes?: number;
  /** Months over 45 h so far in the agreement year. */
  count?: number;
  windowMonths?: number;
  /** Exact mean of the window (may be fractional: it is an average, not a total). */
  averageMinutes?: number;
}

export interface Agreement36Result {
  violations: Agreement36Violation[];
  /** Months with 時間外 > 45 h in the agreement year of the last month given. */
  monthsOver45h: number;
  /** 時間外 of the agreement year of the last month given, up to that month. */
  yearOvertimeMinutes: number;
}

const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM');
const ConfigSchema = z.object({ specialClause: z.boolean(), agreementStartMonth: MonthSchema }).strict();
const MonthsSchema = z.array(
  z.object({
    month: MonthSchema,
    overtimeMinutes: z.int().min(0),
    legalHolidayMinutes: z.int().min(0),
  }),
);

// 労基法36条4項・6項 (2019 reform) [29][30].
const MONTH_45H = 45 * 60;
const YEAR_360H = 360 * 60;
const YEAR_720H = 720 * 60;
const SINGLE_MONTH_100H = 100 * 60;
const AVERAGE_80H = 80 * 60;
const SPECIAL_MONTHS_ALLOWED = 6;

function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

function formatMonth(index: number): string {
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, '0')}-${String(index - year * 12 + 1).padStart(2, '0')}`;
}

function fail(prefix: string, issue: z.core.$ZodIssue): never {
  const path = [...issue.path, ...(issue.code === 'unrecognized_keys' ? [issue.keys[0] ?? ''] : [])];
  const field =
    prefix + path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('');
  throw new LaborInputError('invalid_input', field, issue.message);
}

/**
 * Checks monthly 時間外 and 休日 against the 36協定 limits of labor-rules.md §7.
 *
 * Per agreement year (from `agreementStartMonth`): without 特別条項, 時間外 ≤ 45 h a month and ≤ 360 h a
 * year; with it, ≤ 720 h a year and at most 6 months over 45 h. Always: 時間外 + 休日 < 100 h in a month,
 * and its 2- to 6-month averages ≤ 80 h, rolling across agreement years. A yearly limit, once crossed,
 * is reported in that month and every later month of the agreement year. A month missing between two
 * given months counts as 0; averages need a full window inside the months given.
 *
 * @example
 * checkAgreement36({ specialClause: false, agreementStartMonth: '2025-04' }, [
 *   { month: '2025-04', overtimeMinutes: 2701, legalHolidayMinutes: 0 },
 * ]);
 * // → violations [{ month: '2025-04', code: 'BASIC_MONTH_OVER_45H', minutes: 2701 }],
 * //   monthsOver45h 1, yearOvertimeMinutes 2701
 */
export function checkAgreement36(
  config: Agreement36Config,
  months: readonly Agreement36Month[],
): Agreement36Result {
  const parsedConfig = ConfigSchema.safeParse(config);
  if (!parsedConfig.success) fail('config', parsedConfig.error.issues[0]!);
  const parsedMonths = MonthsSchema.safeParse(months);
  if (!parsedMonths.success) fail('months', parsedMonths.error.issues[0]!);
  const { specialClause, agreementStartMonth } = parsedConfig.data;
  const startIndex = monthIndex(agreementStartMonth);

  const byIndex = new Map<number, { overtime: number; total: number }>();
  parsedMonths.data.forEach((m, i) => {
    const index = monthIndex(m.month);
    if (byIndex.has(index))
      throw new LaborInputError('invalid_input', `months[${i}].month`, 'month given twice');
    byIndex.set(index, { overtime: m.overtimeMinutes, total: m.overtimeMinutes + m.legalHolidayMinutes });
  });
  const indexes = [...byIndex.keys()].sort((a, b) => a - b);
  const violations: Agreement36Violation[] = [];
  if (indexes.length === 0) return { violations, monthsOver45h: 0, yearOvertimeMinutes: 0 };
  const first = indexes[0]!;
  const last = indexes[indexes.length - 1]!;

  let year = Number.NaN;
  let yearOvertime = 0;
  let monthsOver45h = 0;
  for (let index = first; index <= last; index++) {
    const month = formatMonth(index);
    const figures = byIndex.get(index) ?? { overtime: 0, total: 0 };
    const agreementYear = Math.floor((index - startIndex) / 12);
    if (agreementYear !== year) {
      year = agreementYear;
      yearOvertime = 0;
      monthsOver45h = 0;
    }
    yearOvertime += figures.overtime;
    const over45h = figures.overtime > MONTH_45H;
    if (over45h) monthsOver45h += 1;

    // 36条6項2号: 時間外 + 休日 under 100 h, so exactly 100h00 is a violation.
    if (figures.total >= SINGLE_MONTH_100H) {
      violations.push({ month, code: 'SINGLE_MONTH_100H_OR_MORE', minutes: figures.total });
    }
    // 36条6項3号: every 2–6 month average ≤ 80 h, across agreement years. Compared as sums: no fractions.
    let sum = figures.total;
    for (let window = 2; window <= 6 && index - window + 1 >= first; window++) {
      sum += byIndex.get(index - window + 1)?.total ?? 0;
      if (sum > AVERAGE_80H * window) {
        violations.push({
          month,
          code: 'MULTI_MONTH_AVERAGE_OVER_80H',
          windowMonths: window,
          averageMinutes: sum / window,
        });
      }
    }
    if (specialClause) {
      if (over45h && monthsOver45h > SPECIAL_MONTHS_ALLOWED) {
        violations.push({ month, code: 'SPECIAL_MONTHS_OVER_45H_EXCEEDED', count: monthsOver45h });
      }
      if (yearOvertime > YEAR_720H) {
        violations.push({ month, code: 'SPECIAL_YEAR_OVER_720H', minutes: yearOvertime });
      }
    } else {
      if (over45h) violations.push({ month, code: 'BASIC_MONTH_OVER_45H', minutes: figures.overtime });
      if (yearOvertime > YEAR_360H)
        violations.push({ month, code: 'BASIC_YEAR_OVER_360H', minutes: yearOvertime });
    }
  }
  return { violations, monthsOver45h, yearOvertimeMinutes: yearOvertime };
}
