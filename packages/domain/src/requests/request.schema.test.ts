import { describe, expect, it } from 'vitest';
import { matchDay, RequestInputSchema } from './request.schema.ts';

describe('request bodies', () => {
  it('takes the 打刻修正申請 of the issue and refuses an impossible date', () => {
    const body = {
      kind: 'punch_correction',
      date: '2026-11-05',
      punches: [
        { type: 'clock_in', at: '2026-11-05T09:00' },
        { type: 'clock_out', at: '2026-11-05T18:00' },
      ],
      reason: '退勤の打刻忘れ',
    };
    expect(RequestInputSchema.parse(body)).toEqual(body);
    expect(RequestInputSchema.safeParse({ ...body, date: '2026-02-30' }).success).toBe(false);
    expect(RequestInputSchema.safeParse({ ...body, reason: '' }).success).toBe(false);
    expect(RequestInputSchema.safeParse({ ...body, kind: 'bonus' }).success).toBe(false);
  });

  it('takes 半休 and 時間 leave on one day only, with hours for 時間', () => {
    const leave = {
      kind: 'leave',
      leaveTypeId: 1,
      from: '2026-11-05',
      to: '2026-11-05',
      unit: 'hours',
      hours: 2,
    };
    expect(RequestInputSchema.safeParse(leave).success).toBe(true);
    expect(RequestInputSchema.safeParse({ ...leave, hours: undefined }).success).toBe(false);
    expect(RequestInputSchema.safeParse({ ...leave, hours: 0 }).success).toBe(false);
    expect(
      RequestInputSchema.safeParse({ ...leave, unit: 'am', hours: undefined, to: '2026-11-06' }).success,
    ).toBe(false);
    expect(RequestInputSchema.safeParse({ ...leave, unit: 'am', hours: undefined }).success).toBe(true);
    expect(
      RequestInputSchema.safeParse({ ...leave, unit: 'full', hours: undefined, to: '2026-11-09' }).success,
    ).toBe(true);
  });
});

describe('matchDay', () => {
  it('keeps unchanged punches, changes a moved one of the same type, adds the rest', () => {
    const current = [
      { id: 1, type: 'clock_in', at: '2026-11-05T09:10' },
      { id: 2, type: 'break_start', at: '2026-11-05T12:00' },
    ];
    const wanted = [
      { type: 'clock_in', at: '2026-11-05T09:00' },
      { type: 'break_start', at: '2026-11-05T12:00' },
      { type: 'clock_out', at: '2026-11-05T18:00' },
    ];
    expect(matchDay(current, wanted)).toEqual([
      { type: 'clock_in', at: '2026-11-05T09:00', id: 1 },
      { type: 'break_start', at: '2026-11-05T12:00', id: 2 },
      { type: 'clock_out', at: '2026-11-05T18:00' },
    ]);
  });
});
