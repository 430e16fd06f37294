import { describe, expect, it } from 'vitest';
import { checkDaySequence, type TypedPunch } from './punch-sequence.ts';

const day = { date: '2026-12-01', dayBoundary: '05:00' };
const p = (type: TypedPunch['type'], time: string, date = '2026-12-01'): TypedPunch => ({
  type,
  at: `${date}T${time}`,
});

describe('checkDaySequence', () => {
  it('accepts a day, two shifts, two breaks, a night shift into the next day, and an open shift', () => {
    expect(
      checkDaySequence(
        [p('clock_in', '09:00'), p('break_start', '12:00'), p('break_end', '13:00'), p('clock_out', '18:00')],
        day,
      ),
    ).toBeNull();
    expect(
      checkDaySequence(
        [p('clock_in', '09:00'), p('clock_out', '12:00'), p('clock_in', '17:00'), p('clock_out', '21:00')],
        day,
      ),
    ).toBeNull();
    expect(checkDaySequence([p('clock_in', '22:00'), p('clock_out', '06:00', '2026-12-02')], day)).toBeNull();
    expect(checkDaySequence([p('clock_in', '09:00'), p('break_start', '12:00')], day)).toBeNull();
    expect(checkDaySequence([], day)).toBeNull();
  });

  it('refuses 退勤 before 出勤 and suggests 翌日 where that mends it', () => {
    expect(checkDaySequence([p('clock_in', '09:00'), p('clock_out', '08:00')], day)).toEqual({
      index: 1,
      problem: 'punch_out_before_in',
      nextDayFixes: true,
    });
    expect(checkDaySequence([p('clock_in', '22:00'), p('clock_out', '06:00')], day)).toEqual({
      index: 1,
      problem: 'punch_out_before_in',
      nextDayFixes: true,
    });
    // A lone 退勤: nothing to mend by moving it.
    expect(checkDaySequence([p('clock_out', '18:00')], day)).toMatchObject({
      problem: 'punch_out_before_in',
      nextDayFixes: false,
    });
  });

  it('refuses breaks outside the shift, a break still open at 退勤, overlapping shifts and pairs over 24 h', () => {
    expect(
      checkDaySequence([p('break_start', '08:00'), p('clock_in', '09:00'), p('clock_out', '18:00')], day),
    ).toMatchObject({ index: 0, problem: 'punch_break_outside_shift' });
    expect(
      checkDaySequence([p('clock_in', '09:00'), p('clock_out', '18:00'), p('break_start', '19:00')], day),
    ).toMatchObject({ index: 2, problem: 'punch_break_outside_shift' });
    expect(
      checkDaySequence([p('clock_in', '09:00'), p('break_start', '12:00'), p('clock_out', '18:00')], day),
    ).toMatchObject({ index: 2, problem: 'punch_break_open_at_out' });
    expect(
      checkDaySequence([p('clock_in', '09:00'), p('break_end', '13:00'), p('clock_out', '18:00')], day),
    ).toMatchObject({ index: 1, problem: 'punch_break_end_without_start' });
    expect(
      checkDaySequence([p('clock_in', '09:00'), p('clock_in', '10:00'), p('clock_out', '18:00')], day),
    ).toMatchObject({ index: 1, problem: 'punch_overlap' });
    expect(
      checkDaySequence([p('clock_in', '09:00'), p('clock_out', '09:01', '2026-12-02')], day),
    ).toMatchObject({ index: 1, problem: 'punch_pair_too_long', nextDayFixes: false });
  });

  it('refuses a punch before the day’s 日付の変わり目 unless a shift is still open from the day before', () => {
    expect(checkDaySequence([p('clock_in', '04:00'), p('clock_out', '12:00')], day)).toMatchObject({
      index: 0,
      problem: 'punch_outside_day',
    });
    expect(checkDaySequence([p('clock_out', '04:30')], { ...day, openAtStart: true })).toBeNull();
    // A forgotten 退勤 the day before does not block this day's 出勤.
    expect(
      checkDaySequence([p('clock_in', '09:00'), p('clock_out', '18:00')], { ...day, openAtStart: true }),
    ).toBeNull();
  });

  it('keeps the given order for punches at the same minute', () => {
    expect(
      checkDaySequence(
        [p('clock_in', '09:00'), p('break_start', '12:00'), p('break_end', '12:00'), p('clock_out', '18:00')],
        day,
      ),
    ).toBeNull();
  });
});
