import { describe, expect, it } from 'vitest';
import { applyShiftRounding } from './shift-rounding.ts';

const shifts: Record<string, { start: string; end: string } | null> = {
  '2026-12-07': { start: '09:00', end: '18:00' },
  '2026-12-08': { start: '22:00', end: '06:00' },
  '2026-12-09': null,
};
const shiftOn = (date: string) => shifts[date];

describe('シフト丸め', () => {
  it('counts an early clock-in from the shift start and a late clock-out to its end, within the unit', () => {
    const events = [
      { type: 'clock_in' as const, at: '2026-12-07T08:46', source: 'app' },
      { type: 'clock_out' as const, at: '2026-12-07T18:15', source: 'web_clock' },
    ];
    expect(applyShiftRounding(events, shiftOn, { mode: 'round', unit: 15 }).map((e) => e.at)).toEqual([
      '2026-12-07T09:00',
      '2026-12-07T18:00',
    ]);
  });

  it('leaves punches beyond the unit, after the start or before the end, and days without a shift', () => {
    const events = [
      { type: 'clock_in' as const, at: '2026-12-07T08:44', source: 'app' },
      { type: 'clock_out' as const, at: '2026-12-07T18:16', source: 'app' },
      { type: 'clock_in' as const, at: '2026-12-07T09:05', source: 'app' },
      { type: 'clock_out' as const, at: '2026-12-07T17:55', source: 'app' },
      { type: 'clock_in' as const, at: '2026-12-09T08:55', source: 'app' },
    ];
    expect(applyShiftRounding(events, shiftOn, { mode: 'round', unit: 15 })).toEqual(events);
  });

  it('rounds the end of a night shift on the next calendar day', () => {
    const events = [
      { type: 'clock_in' as const, at: '2026-12-08T21:50', source: 'app' },
      { type: 'clock_out' as const, at: '2026-12-09T06:10', source: 'app' },
    ];
    expect(applyShiftRounding(events, shiftOn, { mode: 'round', unit: 30 }).map((e) => e.at)).toEqual([
      '2026-12-08T22:00',
      '2026-12-09T06:00',
    ]);
  });

  it('打刻実績のみ丸める: only punches made on a terminal or clock; 丸めない: none', () => {
    const events = [
      { type: 'clock_in' as const, at: '2026-12-07T08:50', source: 'admin' },
      { type: 'clock_out' as const, at: '2026-12-07T18:10', source: 'personal' },
    ];
    expect(applyShiftRounding(events, shiftOn, { mode: 'punches_only', unit: 15 }).map((e) => e.at)).toEqual([
      '2026-12-07T08:50',
      '2026-12-07T18:00',
    ]);
    expect(applyShiftRounding(events, shiftOn, { mode: 'none', unit: 15 })).toEqual(events);
  });
});
