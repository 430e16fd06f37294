/**
 * Benchmark of the labour-law engine (issue 4): one month for 1,000 staff with realistic punches
 * (day office, overnight shifts, a 44 h 特例 shop with Saturday work, 中抜け, overtime, leave, absences,
 * the odd missing clock-out, sometimes followed by a forgotten clock-in on the next working day, so a
 * clock_out lands more than 24 h after the open clock_in and must not pair with it: labor-rules.md §4
 * step 2), aggregated in one process. Prints ms and staff-months per second,
 * then checks every total against the minute-by-minute reference and exits 1 on any mismatch.
 *
 *   node --import tsx bench/aggregate.ts [staff=1000]
 */
import { availableParallelism, loadavg } from 'node:os';
import {
  type AggregateAttendanceInput,
  type AttendanceEvent,
  aggregateAttendance,
  defaultLaborSettings,
  type LaborSettings,
  type PaidLeaveRecord,
} from '../packages/domain/src/index.ts';
import { referenceAggregate } from '../packages/domain/src/labor/testing/minute-reference.ts';
import {
  daysFromCivil,
  formatDate,
  formatWallTime,
  MINUTES_PER_DAY,
  weekdayOf,
} from '../packages/domain/src/labor/wall-time.ts';

const STAFF = Number(process.argv[2] ?? 1000);
const YEAR = 2025;
const MONTH = 10;

// Deterministic PRNG (mulberry32) so every run measures the same punches.
let seed = 20251001;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
/** Clock-ins forgotten right after a forgotten clock-out: each leaves a clock_out > 24 h after its clock_in. */
let forgottenClockIns = 0;

const nationalHolidays = ['2025-10-13', '2025-11-03'];
const dayOffice: LaborSettings = { ...defaultLaborSettings, nationalHolidays };
const nightShift: LaborSettings = {
  ...defaultLaborSettings,
  nationalHolidays,
  schedule: {
    default: { start: '22:00', end: '07:00', breaks: [['02:00', '03:00']] },
    byWeekday: {},
    byDate: {},
  },
};
const specialShop: LaborSettings = {
  ...defaultLaborSettings,
  nationalHolidays,
  legalHoliday: null,
  scheduledHolidays: ['sun', 'wed'],
  nationalHolidayIsScheduledHoliday: false,
  weeklyLimitMinutes: 2640,
  schedule: {
    default: { start: '10:00', end: '19:00', breaks: [['14:00', '15:00']] },
    byWeekday: { sat: { start: '10:00', end: '14:00', breaks: [] } },
    byDate: {},
  },
  monthlyRounding: 'half_hour',
  rounding: { unit: 5, clockIn: 'floor', clockOut: 'ceil' },
};

function staffMonth(index: number): AggregateAttendanceInput {
  const kind = index % 10;
  const settings = kind < 7 ? dayOffice : kind < 9 ? nightShift : specialShop;
  const events: AttendanceEvent[] = [];
  const leaves: PaidLeaveRecord[] = [];
  const push = (type: AttendanceEvent['type'], minute: number) =>
    events.push({ type, at: formatWallTime(minute) });
  // After a forgotten clock-out, half the time the next working day's clock-in is forgotten too.
  let forgetNextIn = false;
  const clockIn = (minute: number) => {
    if (forgetNextIn) forgottenClockIns += 1;
    else push('clock_in', minute);
    forgetNextIn = false;
  };
  const forgetOut = () => {
    forgetNextIn = random() < 0.5;
  };
  const first = daysFromCivil(YEAR, MONTH, 1);
  const last = daysFromCivil(YEAR, MONTH + 1, 1) - 1;
  // Context: the days of the first week that fall in the previous month count toward its 40 h.
  for (let day = first - weekdayOf(first); day <= last; day++) {
    const base = day * MINUTES_PER_DAY;
    const weekday = weekdayOf(day);
    const date = formatDate(day);
    const holiday = nationalHolidays.includes(date);
    const roll = random();
    if (kind < 7) {
      const weekend = weekday === 0 || weekday === 6 || holiday;
      if (weekend ? roll > 0.08 : roll < 0.03) continue; // rest, or an absence
      if (!weekend && roll < 0.06) {
        leaves.push({ date, type: 'paid', days: roll < 0.05 ? 1 : 0.5 });
        if (roll < 0.05) continue;
      }
      const start = base + between(8 * 60 + 30, 9 * 60 + 20);
      const end = base + 18 * 60 + (random() < 0.4 ? between(0, 240) : between(-20, 10));
      clockIn(start);
      push('break_start', base + 12 * 60 + between(0, 5));
      push('break_end', base + 13 * 60 + between(-5, 0));
      if (random() < 0.05) {
        push('clock_out', base + 15 * 60); // 中抜け
        push('clock_in', base + 15 * 60 + between(20, 90));
      }
      if (random() < 0.01) {
        forgetOut(); // missing clock_out: incomplete
        continue;
      }
      push('clock_out', end);
    } else if (kind < 9) {
      // Overnight: clock in about 22:00, out the next morning, sometimes through to the next start.
      if (weekday === 0 || weekday === 6 || holiday ? roll > 0.1 : roll < 0.03) continue;
      const start = base + 22 * 60 + between(-30, 5);
      const end = base + MINUTES_PER_DAY + 7 * 60 + (random() < 0.3 ? between(0, 180) : between(-10, 10));
      clockIn(start);
      push('break_start', base + MINUTES_PER_DAY + 2 * 60 + between(0, 10));
      push('break_end', base + MINUTES_PER_DAY + 3 * 60 + between(-5, 5));
      if (random() < 0.01) {
        forgetOut();
        continue;
      }
      push('clock_out', end);
    } else {
      if (weekday === 0 || weekday === 3 ? roll > 0.15 : roll < 0.04) continue;
      const closing = weekday === 6 ? 14 * 60 : 19 * 60;
      push('clock_in', base + between(9 * 60 + 40, 10 * 60 + 5));
      if (weekday !== 6) {
        push('break_start', base + 14 * 60 + between(0, 10));
        push('break_end', base + 15 * 60 + between(-5, 10));
      }
      push('clock_out', base + closing + between(-10, 200));
    }
  }
  return { settings, period: { from: formatDate(first), to: formatDate(last) }, events, leaves };
}

const inputs = Array.from({ length: STAFF }, (_, i) => staffMonth(i));
const punches = inputs.reduce((n, input) => n + input.events.length, 0);

// Warm-up passes let the JIT settle; then the median of 15 passes (the machine is shared).
const coldStarted = process.hrtime.bigint();
const results = inputs.map((input) => aggregateAttendance(input));
const coldMs = Number(process.hrtime.bigint() - coldStarted) / 1e6;
for (let pass = 0; pass < 2; pass++) for (const input of inputs) aggregateAttendance(input);
const runs: number[] = [];
for (let run = 0; run < 15; run++) {
  const started = process.hrtime.bigint();
  for (const input of inputs) aggregateAttendance(input);
  runs.push(Number(process.hrtime.bigint() - started) / 1e6);
}
runs.sort((a, b) => a - b);
const median = runs[Math.floor(runs.length / 2)]!;
const best = runs[0]!;
console.log(
  `aggregateAttendance: ${STAFF} staff-months (${punches} punches, ${forgottenClockIns} clock-outs > 24 h ` +
    `after an open clock-in) in one process: ` +
    `median ${median.toFixed(1)} ms, best ${best.toFixed(1)} ms, worst ${runs[runs.length - 1]!.toFixed(1)} ms; ` +
    `${Math.round((STAFF / median) * 1000)} staff-months/s (median), ${Math.round((STAFF / best) * 1000)} (best). ` +
    `First (cold, before JIT) pass ${coldMs.toFixed(1)} ms. ` +
    `load average ${loadavg()[0]!.toFixed(2)} on ${availableParallelism()} cores`,
);

// Correctness first: every staff-month against the slow minute-by-minute reference.
const started = process.hrtime.bigint();
let mismatches = 0;
inputs.forEach((input, i) => {
  const fast = results[i]!;
  const slow = referenceAggregate(input);
  for (const [field, expected] of Object.entries(slow)) {
    const actual = field === 'rawWorked' ? (fast.rawWorked ?? fast.worked) : fast[field as keyof typeof fast];
    if (actual !== expected) {
      mismatches += 1;
      console.log(`staff ${i}: ${field} engine ${String(actual)} ≠ reference ${expected}`);
    }
  }
});
const referenceMs = Number(process.hrtime.bigint() - started) / 1e6;
console.log(
  `reference check: ${STAFF} staff-months in ${(referenceMs / 1000).toFixed(1)} s — ` +
    (mismatches === 0 ? 'all totals match' : `${mismatches} mismatching totals`),
);
if (mismatches > 0) process.exit(1);
