import type { AggregateAttendanceInput, MinuteTotals } from '../aggregate-attendance.ts';
import { compileLaborSettings } from '../labor-calendar.ts';
import { buildSegments, parseEvents } from '../punch-segments.ts';
import { dayOfMinute, MINUTES_PER_DAY, parseClockTime, parseIsoDate, weekdayOf } from '../wall-time.ts';

export interface ReferenceTotals extends MinuteTotals {
  absenceDays: number;
  paidLeaveDays: number;
  rawWorked: number;
}

/**
 * A deliberately slow oracle: labor-rules.md §4 read literally, one minute at a time. It shares only
 * input parsing, settings compilation and the punch state machine with the engine; work-date
 * attribution, the next-day cut, 法定休日, the identity pass and the count pass are re-derived per
 * minute, so the engine's interval arithmetic is checked against the spec's own words. The 24 h
 * pairing bound (§4 step 2, see MAX_PAIR_MINUTES) is applied here a second time, literally, so a state
 * machine that paired a clock_in with a later day's clock_out would disagree with this oracle.
 */
export function referenceAggregate(input: AggregateAttendanceInput): ReferenceTotals {
  const calendar = compileLaborSettings(input.settings);
  const { settings } = calendar;
  const from = parseIsoDate(input.period.from, 'period.from');
  const to = parseIsoDate(input.period.to, 'period.to');
  const segments = buildSegments(parseEvents(input.events), calendar);

  // §4 step 2: "never paired with a later day's clock_out". Our bound: a pair whose raw clock_out is
  // more than 24 h (1440 min) after its raw clock_in is no pair; the clock_in's work date is incomplete
  // (24h00 exactly still pairs). Re-derived here from the raw minutes rather than trusted to the engine.
  const incomplete = new Set<number>();
  for (const s of segments) {
    if (s.incomplete !== null || s.rawOut - s.rawIn > 24 * 60) incomplete.add(s.workDate);
  }

  const scheduleStart = (day: number): number | null => {
    const schedule = calendar.scheduleOf(day);
    return schedule === null ? null : day * MINUTES_PER_DAY + schedule.start;
  };
  // The work date a minute of a pair belongs to: its clock-in date, moved on while the minute is at or
  // after the next day's scheduled start.
  const ownerOf = (workDate: number, minute: number): number => {
    let date = workDate;
    for (;;) {
      const next = scheduleStart(date + 1);
      if (next === null || minute < next) return date;
      date += 1;
    }
  };
  const inScheduledBreak = (minute: number): boolean => {
    for (let day = dayOfMinute(minute) - 1; day <= dayOfMinute(minute); day++) {
      const schedule = calendar.scheduleOf(day);
      if (schedule === null) continue;
      for (let i = 0; i < schedule.breaks.length; i += 2) {
        const s = day * MINUTES_PER_DAY + schedule.breaks[i]!;
        const e = day * MINUTES_PER_DAY + schedule.breaks[i + 1]!;
        if (minute >= s && minute < e) return true;
      }
    }
    return false;
  };
  const inBreak = (breaks: readonly number[], minute: number): boolean => {
    if (calendar.scheduledBreaks) return inScheduledBreak(minute);
    for (let i = 0; i < breaks.length; i += 2)
      if (minute >= breaks[i]! && minute < breaks[i + 1]!) return true;
    return false;
  };

  interface Day {
    present: Set<number>;
    firstIn: number;
    lastOut: number;
    worked: number;
    holiday: number;
    dayCount: number;
    overtime: number;
    over60: number;
    lateNight: number;
    lnOvertime: number;
    lnOver60: number;
    lnHoliday: number;
  }
  const days = new Map<number, Day>();
  const dayOf = (date: number): Day => {
    let d = days.get(date);
    if (d === undefined) {
      d = {
        present: new Set(),
        firstIn: Number.POSITIVE_INFINITY,
        lastOut: Number.NEGATIVE_INFINITY,
        worked: 0,
        holiday: 0,
        dayCount: 0,
        overtime: 0,
        over60: 0,
        lateNight: 0,
        lnOvertime: 0,
        lnOver60: 0,
        lnHoliday: 0,
      };
      days.set(date, d);
    }
    return d;
  };

  const workedMinutes: { minute: number; date: number }[] = [];
  let rawWorked = 0;
  for (const s of segments) {
    if (s.incomplete !== null || incomplete.has(s.workDate)) continue;
    if (s.in === s.out) {
      const d = dayOf(s.workDate);
      d.firstIn = Math.min(d.firstIn, s.in);
      d.lastOut = Math.max(d.lastOut, s.out);
    }
    for (let t = s.in; t < s.out; t++) {
      const date = ownerOf(s.workDate, t);
      if (incomplete.has(date)) continue;
      const d = dayOf(date);
      d.present.add(t);
      d.firstIn = Math.min(d.firstIn, t);
      d.lastOut = Math.max(d.lastOut, t + 1);
      if (!inBreak(s.breaks, t)) workedMinutes.push({ minute: t, date });
    }
    for (let t = s.rawIn; t < s.rawOut; t++) {
      const date = ownerOf(s.workDate, t);
      if (!incomplete.has(date) && !inBreak(s.breaks, t) && date >= from && date <= to) rawWorked += 1;
    }
  }
  workedMinutes.sort((a, b) => a.minute - b.minute);

  // 法定休日.
  const workedDays = new Set(workedMinutes.map((w) => dayOfMinute(w.minute)));
  const legalWeekday = calendar.legalHolidayWeekday;
  const isLegal = (day: number): boolean => {
    if (legalWeekday !== null) return weekdayOf(day) === legalWeekday;
    const week = calendar.weekOf(day);
    const rest: number[] = [];
    for (let d = week; d < week + 7; d++) if (calendar.scheduleOf(d) === null) rest.push(d);
    return rest.length > 0 && rest.every((d) => workedDays.has(d)) && rest[rest.length - 1] === day;
  };

  const lnStart = parseClockTime(settings.lateNight.start, '');
  const lnEnd = parseClockTime(settings.lateNight.end, '');
  const isLateNight = (minute: number): boolean => {
    const m = minute - dayOfMinute(minute) * MINUTES_PER_DAY;
    return lnStart < lnEnd ? m >= lnStart && m < lnEnd : m >= lnStart || m < lnEnd;
  };

  // §4.2 read literally: scheduled minutes of a date (0 without a schedule or on a 法定休日), the
  // week as its days inside one pay period, and the period's frame.
  const variable = settings.variableWorkingHours?.kind === 'monthly';
  const scheduled = (day: number) => (isLegal(day) ? 0 : (calendar.scheduleOf(day)?.minutes ?? 0));
  const periodDays = (day: number) => {
    const key = calendar.payPeriodOf(day);
    let first = day;
    while (calendar.payPeriodOf(first - 1) === key) first -= 1;
    let last = day;
    while (calendar.payPeriodOf(last + 1) === key) last += 1;
    return { first, last };
  };
  const weekScheduled = (date: number) => {
    let total = 0;
    const week = calendar.weekOf(date);
    for (let d = week; d < week + 7; d++)
      if (calendar.payPeriodOf(d) === calendar.payPeriodOf(date)) total += scheduled(d);
    return total;
  };
  const frameOf = (date: number) => {
    const { first, last } = periodDays(date);
    return Math.floor((calendar.weeklyLimit * (last - first + 1)) / 7);
  };
  const periodCount = new Map<number, number>();

  // The identity pass, minute by minute as written in §4 step 4.
  const weekCount = new Map<string, number>();
  const monthOt = new Map<number, number>();
  for (const { minute, date } of workedMinutes) {
    const d = dayOf(date);
    const ln = isLateNight(minute);
    d.worked += 1;
    if (ln) d.lateNight += 1;
    if (isLegal(dayOfMinute(minute))) {
      d.holiday += 1;
      if (ln) d.lnHoliday += 1;
      continue;
    }
    d.dayCount += 1;
    let overtime =
      d.dayCount > (variable ? Math.max(calendar.dailyLimit, scheduled(date)) : calendar.dailyLimit);
    if (!overtime) {
      const week = variable
        ? `${calendar.weekOf(date)}|${calendar.payPeriodOf(date)}`
        : `${calendar.weekOf(date)}`;
      const count = (weekCount.get(week) ?? 0) + 1;
      weekCount.set(week, count);
      overtime =
        count > (variable ? Math.max(calendar.weeklyLimit, weekScheduled(date)) : calendar.weeklyLimit);
      if (!overtime && variable) {
        const period = calendar.payPeriodOf(date);
        const inPeriod = (periodCount.get(period) ?? 0) + 1;
        periodCount.set(period, inPeriod);
        overtime = inPeriod > frameOf(date);
      }
    }
    if (overtime) {
      const period = calendar.payPeriodOf(date);
      const count = (monthOt.get(period) ?? 0) + 1;
      monthOt.set(period, count);
      d.overtime += 1;
      if (ln) d.lnOvertime += 1;
      if (count > calendar.tierThreshold) {
        d.over60 += 1;
        if (ln) d.lnOver60 += 1;
      }
    }
  }

  const t: ReferenceTotals = {
    worked: 0,
    scheduledWithin: 0,
    statutoryWithinOvertime: 0,
    statutoryOvertime: 0,
    statutoryOvertimeUpTo60h: 0,
    statutoryOvertimeOver60h: 0,
    statutoryOvertimeInsideSchedule: 0,
    lateNight: 0,
    lateNightOnStatutoryOvertime: 0,
    lateNightOnStatutoryOvertimeOver60h: 0,
    lateNightOnLegalHoliday: 0,
    legalHolidayWork: 0,
    late: 0,
    earlyLeave: 0,
    privateOut: 0,
    absenceDays: 0,
    paidLeaveDays: 0,
    rawWorked,
  };
  for (const [date, d] of days) {
    if (date < from || date > to) continue;
    const schedule = calendar.scheduleOf(date);
    let late = 0;
    let early = 0;
    let out = 0;
    if (schedule !== null) {
      const base = date * MINUTES_PER_DAY;
      for (let i = 0; i < schedule.windows.length; i += 2) {
        for (let m = base + schedule.windows[i]!; m < base + schedule.windows[i + 1]!; m++) {
          if (m < d.firstIn) late += 1;
          else if (m >= d.lastOut) early += 1;
          else if (!d.present.has(m)) out += 1;
        }
      }
    }
    const w = d.worked - d.holiday;
    const within = Math.min(w, Math.max(0, (schedule?.minutes ?? 0) - late - early - out));
    const outside = w - within;
    const inside = Math.max(0, d.overtime - outside);
    t.worked += d.worked;
    t.scheduledWithin += within - inside;
    t.statutoryWithinOvertime += Math.max(0, outside - d.overtime);
    t.statutoryOvertime += d.overtime;
    t.statutoryOvertimeUpTo60h += d.overtime - d.over60;
    t.statutoryOvertimeOver60h += d.over60;
    t.statutoryOvertimeInsideSchedule += inside;
    t.lateNight += d.lateNight;
    t.lateNightOnStatutoryOvertime += d.lnOvertime;
    t.lateNightOnStatutoryOvertimeOver60h += d.lnOver60;
    t.lateNightOnLegalHoliday += d.lnHoliday;
    t.legalHolidayWork += d.holiday;
    t.late += late;
    t.earlyLeave += early;
    t.privateOut += out;
  }
  const leaves = input.leaves ?? [];
  for (let day = from; day <= to; day++) {
    let leave = 0;
    for (const l of leaves) if (parseIsoDate(l.date, '') === day) leave += l.days;
    t.paidLeaveDays += leave;
    if (leave === 0 && !days.has(day) && !incomplete.has(day) && calendar.scheduleOf(day) !== null) {
      t.absenceDays += 1;
    }
  }
  return t;
}
