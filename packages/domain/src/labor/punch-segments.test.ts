import { describe, expect, it } from 'vitest';
import { aggregateAttendance } from './aggregate-attendance.ts';
import { compileLaborSettings } from './labor-calendar.ts';
import { LaborInputError } from './labor-error.ts';
import { defaultLaborSettings } from './labor-settings.schema.ts';
import { buildSegments, parseEvents, roundMinute } from './punch-segments.ts';
import { buildSettings } from './testing/attendance-builders.ts';
import { parseWallTime } from './wall-time.ts';

const at = (s: string) => parseWallTime(s, 'at');

describe('punch rounding (§9)', () => {
  it('rounds to the unit, nearest sending an exact half up', () => {
    const t = at('2025-06-02T09:07');
    expect(roundMinute(t, 15, 'ceil') - t).toBe(8); // 09:15
    expect(roundMinute(t, 15, 'floor') - t).toBe(-7); // 09:00
    expect(roundMinute(t, 15, 'nearest') - t).toBe(-7); // 7 < 7.5 → down
    expect(roundMinute(t + 1, 15, 'nearest') - t).toBe(8); // 09:08 → 09:15
    expect(roundMinute(at('2025-06-02T09:05'), 10, 'nearest')).toBe(at('2025-06-02T09:10')); // exact half up
    expect(roundMinute(t, 1, 'ceil')).toBe(t);
    expect(roundMinute(t, 30, 'none')).toBe(t);
    expect(roundMinute(at('2025-06-02T09:30'), 30, 'ceil')).toBe(at('2025-06-02T09:30'));
  });

  it('never makes two pairs overlap', () => {
    // 09:00–12:07 and 12:10–18:00, out ceil / in floor by 15: 12:15 and 12:00 would overlap.
    const calendar = compileLaborSettings(
      buildSettings({ rounding: { unit: 15, clockIn: 'floor', clockOut: 'ceil' } }),
    );
    const keys = parseEvents([
      { type: 'clock_in', at: '2025-06-02T09:00' },
      { type: 'clock_out', at: '2025-06-02T12:07' },
      { type: 'clock_in', at: '2025-06-02T12:10' },
      { type: 'clock_out', at: '2025-06-02T18:00' },
    ]);
    const [first, second] = buildSegments(keys, calendar);
    expect(first?.out).toBe(at('2025-06-02T12:15'));
    expect(second?.in).toBe(at('2025-06-02T12:15'));
  });
});

describe('the punch state machine (§4 steps 1–2)', () => {
  const segments = (events: { type: string; at: string }[]) =>
    buildSegments(parseEvents(events), compileLaborSettings(defaultLaborSettings));

  it('ignores stray punches and a double break_start', () => {
    const result = segments([
      { type: 'clock_out', at: '2025-06-02T08:00' }, // nothing open: ignored
      { type: 'break_start', at: '2025-06-02T08:30' }, // outside a pair: ignored
      { type: 'clock_in', at: '2025-06-02T09:00' },
      { type: 'break_end', at: '2025-06-02T10:00' }, // no break open: ignored
      { type: 'break_start', at: '2025-06-02T12:00' },
      { type: 'break_start', at: '2025-06-02T12:05' }, // double tap: the break began at 12:00
      { type: 'break_end', at: '2025-06-02T13:00' },
      { type: 'clock_out', at: '2025-06-02T18:00' },
    ]);
    expect(result).toHaveLength(1);
    expect(result[0]).toMatchObject({
      incomplete: null,
      breaks: [at('2025-06-02T12:00'), at('2025-06-02T13:00')],
    });
  });

  it('marks a break never ended as MISSING_BREAK_END even when the next pair starts', () => {
    const result = segments([
      { type: 'clock_in', at: '2025-06-02T09:00' },
      { type: 'break_start', at: '2025-06-02T12:00' },
      { type: 'clock_out', at: '2025-06-02T18:00' },
      { type: 'clock_in', at: '2025-06-03T09:00' },
      { type: 'break_end', at: '2025-06-03T12:00' }, // belongs to no open break of 06-03: ignored
      { type: 'clock_out', at: '2025-06-03T18:00' },
    ]);
    expect(result.map((s) => s.incomplete)).toEqual(['MISSING_BREAK_END', null]);
  });
});

describe("the 24 h pairing bound (§4 step 2: never paired with a later day's clock_out)", () => {
  const segments = (events: { type: string; at: string }[]) =>
    buildSegments(parseEvents(events), compileLaborSettings(defaultLaborSettings));

  it('pairs a clock_out up to exactly 1440 minutes after the clock_in, overnight ones included', () => {
    const overnight = segments([
      { type: 'clock_in', at: '2025-06-02T22:00' },
      { type: 'clock_out', at: '2025-06-03T06:00' },
    ]);
    expect(overnight).toMatchObject([{ incomplete: null, rawOut: at('2025-06-03T06:00') }]);
    const day = segments([
      { type: 'clock_in', at: '2025-06-02T09:00' },
      { type: 'clock_out', at: '2025-06-03T09:00' },
    ]);
    expect(day).toMatchObject([{ incomplete: null, rawOut: at('2025-06-03T09:00') }]);
  });

  it('a later clock_out closes nothing: the pair is MISSING_CLOCK_OUT and the clock_out a stray', () => {
    // 1441 minutes: incomplete; the 09:01 clock_out is dropped, so the break punches after it belong to
    // no pair, and the 14:00 clock_in opens an ordinary pair.
    const result = segments([
      { type: 'clock_in', at: '2025-06-02T09:00' },
      { type: 'clock_out', at: '2025-06-03T09:01' },
      { type: 'break_start', at: '2025-06-03T12:00' },
      { type: 'break_end', at: '2025-06-03T13:00' },
      { type: 'clock_in', at: '2025-06-03T14:00' },
      { type: 'clock_out', at: '2025-06-03T18:00' },
    ]);
    expect(result).toHaveLength(2);
    expect(result[0]).toMatchObject({ incomplete: 'MISSING_CLOCK_OUT', workDate: result[0]!.workDate });
    expect(Number.isNaN(result[0]!.rawOut)).toBe(true);
    expect(result[1]).toMatchObject({ incomplete: null, breaks: [], rawIn: at('2025-06-03T14:00') });
  });

  it('a break left open in such a pair does not turn it into MISSING_BREAK_END', () => {
    // The clock_out never closed the pair, so the open break is not "open at clock_out" (§4 step 2):
    // the anomaly is the missing clock-out.
    const result = segments([
      { type: 'clock_in', at: '2025-06-02T09:00' },
      { type: 'break_start', at: '2025-06-02T12:00' },
      { type: 'clock_out', at: '2025-06-03T18:00' },
      { type: 'break_end', at: '2025-06-03T18:05' },
    ]);
    expect(result.map((s) => s.incomplete)).toEqual(['MISSING_CLOCK_OUT']);
  });
});

describe('bad input throws a typed error naming the field', () => {
  const base = { settings: defaultLaborSettings, period: { from: '2025-06-02', to: '2025-06-02' } };
  const error = (input: unknown): LaborInputError => {
    try {
      aggregateAttendance(input as Parameters<typeof aggregateAttendance>[0]);
    } catch (e) {
      if (e instanceof LaborInputError) return e;
      throw e;
    }
    throw new Error('expected a LaborInputError');
  };

  it('an unknown event type', () => {
    const e = error({
      ...base,
      events: [
        { type: 'clock_in', at: '2025-06-02T09:00' },
        { type: 'lunch', at: '2025-06-02T12:00' },
      ],
    });
    expect(e).toMatchObject({ code: 'invalid_event_type', field: 'events[1].type' });
    expect(e.message).toContain('events[1].type');
  });

  it('a malformed time', () => {
    expect(error({ ...base, events: [{ type: 'clock_in', at: '2025-06-02T9:00' }] })).toMatchObject({
      code: 'invalid_time',
      field: 'events[0].at',
    });
    expect(error({ ...base, events: [{ type: 'clock_in' }] })).toMatchObject({ field: 'events[0].at' });
    expect(error({ ...base, events: 'none' })).toMatchObject({ field: 'events' });
  });

  it('a bad period, a bad leave, an unknown input field', () => {
    expect(error({ ...base, events: [], period: { from: '2025-06-03', to: '2025-06-02' } })).toMatchObject({
      code: 'invalid_period',
      field: 'period.to',
    });
    expect(error({ ...base, events: [], period: { from: '2025-06-31', to: '2025-07-01' } })).toMatchObject({
      field: 'period.from',
    });
    expect(
      error({ ...base, events: [], leaves: [{ date: '2025-06-02', type: 'sick', days: 1 }] }),
    ).toMatchObject({
      code: 'invalid_leave',
      field: 'leaves[0].type',
    });
    expect(
      error({ ...base, events: [], leaves: [{ date: '2025-06-02', type: 'paid', days: 0.25 }] }),
    ).toMatchObject({
      field: 'leaves[0].days',
    });
    expect(error({ ...base, events: [], leave: [] })).toMatchObject({
      code: 'invalid_input',
      field: 'leave',
    });
  });
});
