import { describe, expect, it } from 'vitest';
import { checkAgreement36 } from './agreement36.ts';
import { LaborInputError } from './labor-error.ts';

const basic = { specialClause: false, agreementStartMonth: '2025-04' };
const special = { specialClause: true, agreementStartMonth: '2025-04' };
const month = (m: string, overtimeMinutes: number, legalHolidayMinutes = 0) => ({
  month: m,
  overtimeMinutes,
  legalHolidayMinutes,
});
/** Consecutive months from `start` with the given 時間外 and 休日 figures. */
function months(start: string, figures: readonly (number | [number, number])[]) {
  const [y, m] = start.split('-').map(Number) as [number, number];
  return figures.map((f, i) => {
    const index = y * 12 + m - 1 + i;
    const label = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
    return Array.isArray(f) ? month(label, f[0], f[1]) : month(label, f);
  });
}

describe('without a special clause', () => {
  it('45 h a month: 2700 is fine, 2701 is BASIC_MONTH_OVER_45H; holiday work is excluded', () => {
    expect(checkAgreement36(basic, [month('2025-04', 2700, 3000)]).violations).toEqual([]);
    expect(checkAgreement36(basic, [month('2025-04', 2701)])).toEqual({
      violations: [{ month: '2025-04', code: 'BASIC_MONTH_OVER_45H', minutes: 2701 }],
      monthsOver45h: 1,
      yearOvertimeMinutes: 2701,
    });
  });

  it('360 h a year: reported in the crossing month and every later month of the agreement year', () => {
    // 2000 a month: 11 months = 22000 > 21600 in 2026-02 (the 11th month); March too; April restarts.
    const r = checkAgreement36(basic, months('2025-04', Array(13).fill(2000)));
    expect(r.violations).toEqual([
      { month: '2026-02', code: 'BASIC_YEAR_OVER_360H', minutes: 22000 },
      { month: '2026-03', code: 'BASIC_YEAR_OVER_360H', minutes: 24000 },
    ]);
    expect(r.yearOvertimeMinutes).toBe(2000); // the agreement year of 2026-04
  });
});

describe('with a special clause', () => {
  it('more than 6 months over 45 h in an agreement year', () => {
    // Seven months of 46 h: the 7th (2025-10) exceeds; no BASIC_* codes under a special clause.
    const r = checkAgreement36(special, months('2025-04', Array(7).fill(2760)));
    expect(r.violations).toEqual([{ month: '2025-10', code: 'SPECIAL_MONTHS_OVER_45H_EXCEEDED', count: 7 }]);
    expect(r.monthsOver45h).toBe(7);
  });

  it('the count restarts with the agreement year', () => {
    // Oct 2025 … Mar 2026 (6 months) then Apr 2026 starts a new year: no violation.
    expect(checkAgreement36(special, months('2025-10', Array(7).fill(2760))).violations).toEqual([]);
  });

  it('720 h a year', () => {
    // 6 × 4700 + 6 × 2700 = 44400 > 43200, crossed in the 12th month (2026-03). 6 months over 45 h is allowed.
    const r = checkAgreement36(special, months('2025-04', [...Array(6).fill(4700), ...Array(6).fill(2700)]));
    expect(r.violations).toEqual([{ month: '2026-03', code: 'SPECIAL_YEAR_OVER_720H', minutes: 44400 }]);
    expect(r).toMatchObject({ monthsOver45h: 6, yearOvertimeMinutes: 44400 });
  });
});

describe('always', () => {
  it('時間外 + 休日 must stay under 100 h: exactly 100h00 is a violation', () => {
    expect(checkAgreement36(special, [month('2025-04', 4000, 1999)]).violations).toEqual([]);
    expect(checkAgreement36(special, [month('2025-04', 4000, 2000)]).violations).toEqual([
      { month: '2025-04', code: 'SINGLE_MONTH_100H_OR_MORE', minutes: 6000 },
    ]);
  });

  it('2–6 month averages of 時間外 + 休日 must be ≤ 80 h', () => {
    // 4800 + 4800 averages exactly 80 h: fine. 4801 + 4800 = 4800.5: over.
    expect(checkAgreement36(special, months('2025-04', [4800, 4800])).violations).toEqual([]);
    expect(checkAgreement36(special, months('2025-04', [4801, [2800, 2000]])).violations).toEqual([
      { month: '2025-05', code: 'MULTI_MONTH_AVERAGE_OVER_80H', windowMonths: 2, averageMinutes: 4800.5 },
    ]);
    // 5000, 4700, 4750: the 2-month average ending May is 4850 (over); ending June 4725 (fine); the
    // 3-month average ending June is 14450 / 3 (over).
    const r = checkAgreement36(special, months('2025-04', [5000, 4700, 4750]));
    expect(r.violations.map((v) => [v.month, v.windowMonths])).toEqual([
      ['2025-05', 2],
      ['2025-06', 3],
    ]);
    expect(r.violations[1]?.averageMinutes).toBeCloseTo(4816.667, 3);
  });

  it('averages roll across agreement years', () => {
    // 2026-03 and 2026-04 sit in different agreement years; their average is still checked.
    expect(checkAgreement36(special, months('2026-03', [5000, 5000])).violations).toEqual([
      { month: '2026-04', code: 'MULTI_MONTH_AVERAGE_OVER_80H', windowMonths: 2, averageMinutes: 5000 },
    ]);
  });

  it('a month missing between two given months counts as 0; violations come in month order', () => {
    // April and June at 98 h, May absent (0): no 2- or 3-month average over 80 h.
    expect(checkAgreement36(special, [month('2025-06', 5880), month('2025-04', 5880)]).violations).toEqual(
      [],
    );
    // Given out of order. April: 100 h of 時間外 (≥ 100 h and > 45 h); May absent; June 2800 (> 45 h).
    // Averages: May (6000 + 0) / 2, June (0 + 2800) / 2 and (6000 + 0 + 2800) / 3 are all under 80 h.
    const r = checkAgreement36(basic, [month('2025-06', 2800), month('2025-04', 6000)]);
    expect(r.violations).toEqual([
      { month: '2025-04', code: 'SINGLE_MONTH_100H_OR_MORE', minutes: 6000 },
      { month: '2025-04', code: 'BASIC_MONTH_OVER_45H', minutes: 6000 },
      { month: '2025-06', code: 'BASIC_MONTH_OVER_45H', minutes: 2800 },
    ]);
  });
});

describe('bad input', () => {
  it('throws a typed error naming the field', () => {
    expect(() => checkAgreement36({ ...basic, agreementStartMonth: '2025-4' }, [])).toThrow(
      expect.objectContaining({ field: 'config.agreementStartMonth' }),
    );
    expect(() => checkAgreement36(basic, [month('2025-13', 0)])).toThrow(
      expect.objectContaining({ field: 'months[0].month' }),
    );
    expect(() => checkAgreement36(basic, [month('2025-04', -1)])).toThrow(
      expect.objectContaining({ field: 'months[0].overtimeMinutes' }),
    );
    expect(() => checkAgreement36(basic, [month('2025-04', 1), month('2025-04', 2)])).toThrow(
      expect.objectContaining({ field: 'months[1].month' }),
    );
    expect(() => checkAgreement36({ ...basic, special: true } as never, [])).toThrow(LaborInputError);
  });

  it('no months: no violations', () => {
    expect(checkAgreement36(basic, [])).toEqual({ violations: [], monthsOver45h: 0, yearOvertimeMinutes: 0 });
  });
});
