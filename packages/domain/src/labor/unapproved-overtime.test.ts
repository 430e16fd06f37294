import { describe, expect, it } from 'vitest';
import { buildSettings, buildShift, run } from './testing/attendance-builders.ts';
import { cutUnapprovedOvertime } from './unapproved-overtime.ts';

// 2025-06-02 is a Monday: the default schedule 09:00–18:00 (12:00–13:00 break); 06-07 a Saturday.
const settings = buildSettings();
const MONDAY = '2025-06-02';

describe('cutUnapprovedOvertime (残業は承認制, ADR 025)', () => {
  it('cuts a clock-out past the scheduled end there when no 残業申請 was approved', () => {
    const events = buildShift(MONDAY, '09:00', '21:00', [['12:00', '13:00']]);
    const cut = cutUnapprovedOvertime(events, settings, []);
    expect(cut.events.at(-1)).toEqual({ type: 'clock_out', at: `${MONDAY}T18:00` });
    expect(cut.unapproved).toEqual([
      { date: MONDAY, from: `${MONDAY}T18:00`, to: `${MONDAY}T21:00`, minutes: 180 },
    ]);
    const totals = run(MONDAY, MONDAY, cut.events, settings);
    expect(totals.worked).toBe(480);
    expect(totals.statutoryOvertime).toBe(0);
  });

  it('counts up to the planned end of an approved 残業申請 (to 20:00, clock-out 21:00)', () => {
    const events = buildShift(MONDAY, '09:00', '21:00', [['12:00', '13:00']]);
    const cut = cutUnapprovedOvertime(events, settings, [{ date: MONDAY, plannedEnd: '20:00' }]);
    expect(cut.unapproved).toEqual([
      { date: MONDAY, from: `${MONDAY}T20:00`, to: `${MONDAY}T21:00`, minutes: 60 },
    ]);
    const totals = run(MONDAY, MONDAY, cut.events, settings);
    expect(totals.worked).toBe(600);
    expect(totals.statutoryOvertime).toBe(120);
  });

  it('leaves a day ending by the limit, a 所定休日 and an open pair exactly as punched', () => {
    const inTime = buildShift(MONDAY, '09:00', '19:30', [['12:00', '13:00']]);
    expect(cutUnapprovedOvertime(inTime, settings, [{ date: MONDAY, plannedEnd: '20:00' }])).toEqual({
      events: inTime,
      unapproved: [],
    });
    const saturday = buildShift('2025-06-07', '09:00', '21:00');
    expect(cutUnapprovedOvertime(saturday, settings, []).events).toEqual(saturday);
    const open = [{ type: 'clock_in' as const, at: `${MONDAY}T09:00` }];
    expect(cutUnapprovedOvertime(open, settings, []).events).toEqual(open);
  });

  it('excludes breaks after the limit from the cut minutes and ends a break spanning it there', () => {
    const events = buildShift(MONDAY, '09:00', '21:00', [
      ['12:00', '13:00'],
      ['17:30', '18:30'],
      ['19:00', '19:15'],
    ]);
    const cut = cutUnapprovedOvertime(events, settings, []);
    expect(cut.events.slice(-3)).toEqual([
      { type: 'break_start', at: `${MONDAY}T17:30` },
      { type: 'break_end', at: `${MONDAY}T18:00` },
      { type: 'clock_out', at: `${MONDAY}T18:00` },
    ]);
    // 18:00–21:00 is 180 min, less 30 (18:00–18:30) and 15 (19:00–19:15) of break.
    expect(cut.unapproved[0]!.minutes).toBe(135);
  });

  it('leaves out a pair that starts after the limit, and never cuts into the schedule', () => {
    const events = [...buildShift(MONDAY, '09:00', '18:00'), ...buildShift(MONDAY, '19:00', '20:00')];
    const cut = cutUnapprovedOvertime(events, settings, [{ date: MONDAY, plannedEnd: '17:00' }]);
    expect(cut.events).toEqual(buildShift(MONDAY, '09:00', '18:00'));
    expect(cut.unapproved).toEqual([
      { date: MONDAY, from: `${MONDAY}T19:00`, to: `${MONDAY}T20:00`, minutes: 60 },
    ]);
  });

  it('reads a planned end on the next day for an overnight 残業申請', () => {
    const events = buildShift(MONDAY, '09:00', '02:00');
    const cut = cutUnapprovedOvertime(events, settings, [
      { date: MONDAY, plannedEnd: '01:00', nextDay: true },
    ]);
    expect(cut.unapproved).toEqual([
      { date: MONDAY, from: '2025-06-03T01:00', to: '2025-06-03T02:00', minutes: 60 },
    ]);
  });
});
