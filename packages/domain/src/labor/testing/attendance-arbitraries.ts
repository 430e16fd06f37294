import fc from 'fast-check';
import type { AggregateAttendanceInput, PaidLeaveRecord } from '../aggregate-attendance.ts';
import type { LaborSettings, WorkSchedule } from '../labor-settings.schema.ts';
import type { AttendanceEvent, AttendanceEventType } from '../punch-segments.ts';
import {
  civilFromDays,
  daysFromCivil,
  daysInMonth,
  formatDate,
  formatWallTime,
  MINUTES_PER_DAY,
  WEEKDAYS,
} from '../wall-time.ts';

/** `HH:mm` of a minute of the day. */
export function clock(minuteOfDay: number): string {
  const m = ((minuteOfDay % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

const minuteOfDay = fc.oneof(
  fc.constantFrom(0, 300, 480, 510, 540, 600, 780, 1080, 1260, 1320, 1380),
  fc.integer({ min: 0, max: 1439 }),
);

/** A valid schedule: any start, 30 min to 20 h long (so sometimes overnight), up to two breaks inside. */
export const scheduleArbitrary: fc.Arbitrary<WorkSchedule> = fc
  .record({
    start: minuteOfDay,
    length: fc.oneof(fc.constantFrom(540, 480, 600), fc.integer({ min: 30, max: 1200 })),
    cuts: fc.uniqueArray(fc.integer({ min: 1, max: 10_000 }), { maxLength: 4 }),
  })
  .map(({ start, length, cuts }) => {
    const points = [...new Set(cuts.map((c) => 1 + (c % (length - 1))))].sort((a, b) => a - b);
    const breaks: [string, string][] = [];
    for (let i = 0; i + 1 < points.length; i += 2) {
      breaks.push([clock(start + points[i]!), clock(start + points[i + 1]!)]);
    }
    return { start: clock(start), end: clock(start + length), breaks };
  });

const weekday = fc.constantFrom(...WEEKDAYS);
const maybeSchedule = fc.oneof(
  { weight: 3, arbitrary: scheduleArbitrary },
  { weight: 1, arbitrary: fc.constant(null) },
);

export interface RandomCase {
  input: AggregateAttendanceInput;
  /** All work dates the events can touch, for per-day splits. */
  firstDay: number;
  lastDay: number;
}

/**
 * Random settings, punches (clean shifts plus stray noise) and leaves. The period is either a random
 * span after a few context days or, with `wholeMonth`, the calendar month after them.
 */
export function randomCase(options: { wholeMonth?: boolean } = {}): fc.Arbitrary<RandomCase> {
  return fc
    .record({
      baseOffset: fc.integer({ min: 0, max: 900 }),
      firstGap: fc.integer({ min: 0, max: 40 * MINUTES_PER_DAY }),
      spanDays: fc.integer({ min: 1, max: 24 }),
      contextDays: fc.integer({ min: 0, max: 7 }),
      weekStart: weekday,
      legalHoliday: fc.option(weekday, { nil: null }),
      scheduledHolidays: fc.subarray([...WEEKDAYS]),
      nationalHolidayIsScheduledHoliday: fc.boolean(),
      nationalHolidays: fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 3 }),
      defaultSchedule: maybeSchedule,
      byWeekday: fc.array(fc.tuple(weekday, maybeSchedule), { maxLength: 3 }),
      byDate: fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), maybeSchedule), { maxLength: 3 }),
      dailyLimit: fc.oneof(fc.constant(480), fc.integer({ min: 60, max: 720 })),
      weeklyLimit: fc.oneof(fc.constantFrom(2400, 2640), fc.integer({ min: 300, max: 3000 })),
      tier: fc.oneof(fc.constant(3600), fc.integer({ min: 0, max: 1500 })),
      lateNight: fc.oneof(
        fc.constant(['22:00', '05:00'] as const),
        fc
          .tuple(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 1, max: 1439 }))
          .map(([s, l]) => [clock(s), clock(s + l)] as const),
      ),
      monthStartDay: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 28 })),
      // §4.2 now and then: the 1か月単位の変形労働時間制 over the pay period.
      variable: fc.oneof(
        { weight: 3, arbitrary: fc.constant(false) },
        { weight: 1, arbitrary: fc.constant(true) },
      ),
      breakMode: fc.constantFrom('punched', 'punched', 'scheduled') as fc.Arbitrary<'punched' | 'scheduled'>,
      rounding: fc.record({
        unit: fc.constantFrom(1, 5, 10, 15, 30) as fc.Arbitrary<1 | 5 | 10 | 15 | 30>,
        clockIn: fc.constantFrom('none', 'ceil', 'floor', 'nearest') as fc.Arbitrary<'none'>,
        clockOut: fc.constantFrom('none', 'ceil', 'floor', 'nearest') as fc.Arbitrary<'none'>,
      }),
      shifts: fc.array(
        fc.record({
          gap: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 2400 })),
          // Now and then a pair around and past the 24 h pairing bound (§4 step 2, MAX_PAIR_MINUTES):
          // 1440 still pairs, 1441 and more is a forgotten clock-out left incomplete.
          length: fc.oneof(
            { weight: 8, arbitrary: fc.constantFrom(540, 600, 780) },
            { weight: 8, arbitrary: fc.integer({ min: 0, max: 1300 }) },
            { weight: 1, arbitrary: fc.constantFrom(1439, 1440, 1441) },
            { weight: 1, arbitrary: fc.integer({ min: 1300, max: 3000 }) },
          ),
          breaks: fc.uniqueArray(fc.integer({ min: 0, max: 10_000 }), { maxLength: 4 }),
          dropBreakEnd: fc.oneof(
            { weight: 12, arbitrary: fc.constant(false) },
            { weight: 1, arbitrary: fc.constant(true) },
          ),
        }),
        { maxLength: options.wholeMonth ? 45 : 30 },
      ),
      noise: fc.array(
        fc.record({
          type: fc.constantFrom(
            'clock_in',
            'clock_out',
            'break_start',
            'break_end',
          ) as fc.Arbitrary<AttendanceEventType>,
          minute: fc.integer({ min: 0, max: 70 * MINUTES_PER_DAY }),
        }),
        { maxLength: 3 },
      ),
      leaves: fc.array(
        fc.record({
          offset: fc.integer({ min: 0, max: 30 }),
          days: fc.constantFrom(1, 0.5) as fc.Arbitrary<1 | 0.5>,
        }),
        { maxLength: 3 },
      ),
    })
    .map((r) => {
      const base = daysFromCivil(2024, 1, 1) + r.baseOffset;
      const byWeekday: LaborSettings['schedule']['byWeekday'] = {};
      for (const [w, s] of r.byWeekday) byWeekday[w] = s;
      const byDate: LaborSettings['schedule']['byDate'] = {};
      for (const [offset, s] of r.byDate) byDate[formatDate(base + offset)] = s;
      const settings: LaborSettings = {
        timezone: 'Asia/Tokyo',
        weekStart: r.weekStart,
        legalHoliday: r.legalHoliday,
        scheduledHolidays: r.scheduledHolidays,
        nationalHolidayIsScheduledHoliday: r.nationalHolidayIsScheduledHoliday,
        nationalHolidays: [...new Set(r.nationalHolidays)].map((o) => formatDate(base + o)),
        schedule: { default: r.defaultSchedule, byWeekday, byDate },
        scheduledDailyMinutes: 480,
        dailyLimitMinutes: r.dailyLimit,
        weeklyLimitMinutes: r.weeklyLimit,
        lateNight: { start: r.lateNight[0], end: r.lateNight[1] },
        overtimeTierThresholdMinutes: r.tier,
        monthStartDay: r.monthStartDay,
        breakMode: r.breakMode,
        rounding: r.rounding,
        monthlyRounding: 'none',
        ...(r.variable ? { variableWorkingHours: { kind: 'monthly' as const } } : {}),
      };
      const events: AttendanceEvent[] = [];
      const at = (minute: number) => formatWallTime(base * MINUTES_PER_DAY + minute);
      let t = options.wholeMonth ? r.firstGap : 0;
      for (const shift of r.shifts) {
        t += shift.gap;
        const end = t + shift.length;
        events.push({ type: 'clock_in', at: at(t) });
        const points = [
          ...new Set(shift.breaks.map((b) => t + (shift.length > 0 ? b % (shift.length + 1) : 0))),
        ].sort((a, b) => a - b);
        for (let i = 0; i + 1 < points.length; i += 2) {
          events.push({ type: 'break_start', at: at(points[i]!) });
          if (!shift.dropBreakEnd) events.push({ type: 'break_end', at: at(points[i + 1]!) });
        }
        events.push({ type: 'clock_out', at: at(end) });
        t = end;
      }
      for (const n of r.noise) events.push({ type: n.type, at: at(n.minute) });
      const leaves: PaidLeaveRecord[] = r.leaves.map((l) => ({
        date: formatDate(base + l.offset),
        type: 'paid',
        days: l.days,
      }));
      let firstDay = base + Math.min(r.contextDays, r.spanDays - 1);
      let lastDay = base + r.spanDays - 1;
      if (options.wholeMonth) {
        // The month that starts after the context days: its first days' weeks begin in the month before.
        const c = civilFromDays(base + r.contextDays);
        const month = c.month === 12 ? { year: c.year + 1, month: 1 } : { year: c.year, month: c.month + 1 };
        firstDay = daysFromCivil(month.year, month.month, 1);
        lastDay = firstDay + daysInMonth(month.year, month.month) - 1;
      }
      return {
        input: { settings, period: { from: formatDate(firstDay), to: formatDate(lastDay) }, events, leaves },
        firstDay,
        lastDay,
      };
    });
}

export const randomCaseArbitrary = randomCase();
