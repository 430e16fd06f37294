import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AttendanceTotals, aggregateAttendance, MINUTE_TOTAL_FIELDS } from './aggregate-attendance.ts';
import { randomCase, randomCaseArbitrary } from './testing/attendance-arbitraries.ts';
import { type ReferenceTotals, referenceAggregate } from './testing/minute-reference.ts';
import { formatDate } from './wall-time.ts';

const MINUTE_FIELDS = MINUTE_TOTAL_FIELDS;

function numbers(t: AttendanceTotals): ReferenceTotals {
  const out = {
    absenceDays: t.absenceDays,
    paidLeaveDays: t.paidLeaveDays,
    rawWorked: t.rawWorked ?? t.worked,
  };
  for (const f of MINUTE_FIELDS) Object.assign(out, { [f]: t[f] });
  return out as ReferenceTotals;
}

// Hundreds of random cases each, some checked against the slow reference: allow for a busy machine.
describe('aggregateAttendance properties (fast-check)', { timeout: 120_000 }, () => {
  it('equals the minute-by-minute reference on random settings and punches', () => {
    fc.assert(
      fc.property(randomCaseArbitrary, ({ input }) => {
        expect(numbers(aggregateAttendance(input))).toEqual(referenceAggregate(input));
      }),
      { numRuns: 400 },
    );
  });

  it('所定内 + 法定内残業 + 法定外 + 法定休日 = worked, every minute figure an integer ≥ 0', () => {
    fc.assert(
      fc.property(randomCaseArbitrary, ({ input }) => {
        const t = aggregateAttendance(input);
        expect(t.scheduledWithin + t.statutoryWithinOvertime + t.statutoryOvertime + t.legalHolidayWork).toBe(
          t.worked,
        );
        expect(t.statutoryOvertimeUpTo60h + t.statutoryOvertimeOver60h).toBe(t.statutoryOvertime);
        expect(t.lateNightOnStatutoryOvertime).toBeLessThanOrEqual(t.statutoryOvertime);
        expect(t.lateNightOnStatutoryOvertimeOver60h).toBeLessThanOrEqual(t.lateNightOnStatutoryOvertime);
        expect(t.lateNightOnLegalHoliday).toBeLessThanOrEqual(t.legalHolidayWork);
        expect(t.lateNight).toBeLessThanOrEqual(t.worked);
        for (const f of MINUTE_FIELDS) {
          expect(Number.isInteger(t[f])).toBe(true);
          expect(t[f]).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('the totals of a month are the sum of its days (incomplete and warnings too)', () => {
    fc.assert(
      fc.property(randomCase({ wholeMonth: true }), ({ input, firstDay, lastDay }) => {
        const whole = aggregateAttendance(input);
        const sum = numbers(
          aggregateAttendance({ ...input, period: { from: input.period.from, to: input.period.from } }),
        );
        for (const key of Object.keys(sum) as (keyof ReferenceTotals)[]) sum[key] = 0;
        const incomplete: AttendanceTotals['incomplete'] = [];
        const warnings: string[] = [];
        for (let day = firstDay; day <= lastDay; day++) {
          const one = aggregateAttendance({
            ...input,
            period: { from: formatDate(day), to: formatDate(day) },
          });
          const n = numbers(one);
          for (const key of Object.keys(sum) as (keyof ReferenceTotals)[]) sum[key] += n[key];
          incomplete.push(...one.incomplete);
          warnings.push(...one.warnings);
        }
        expect(sum).toEqual(numbers(whole));
        expect(incomplete).toEqual(whole.incomplete);
        expect(warnings).toEqual(whole.warnings);
      }),
      { numRuns: 100 },
    );
  });

  it('a whole month with context days equals the minute-by-minute reference', () => {
    fc.assert(
      fc.property(randomCase({ wholeMonth: true }), ({ input }) => {
        expect(numbers(aggregateAttendance(input))).toEqual(referenceAggregate(input));
      }),
      { numRuns: 100 },
    );
  });

  it('does not depend on the order the events arrive in', () => {
    fc.assert(
      fc.property(randomCaseArbitrary, fc.infiniteStream(fc.nat()), ({ input }, randoms) => {
        const shuffled = [...input.events];
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = randoms.next().value % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
        }
        expect(aggregateAttendance({ ...input, events: shuffled })).toEqual(aggregateAttendance(input));
      }),
      { numRuns: 100 },
    );
  });
});
