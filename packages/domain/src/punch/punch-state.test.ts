import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.ts';
import { assertPunchAllowed, punchStatus } from './punch-state.ts';

describe('punchStatus', () => {
  it('offers only the buttons valid now: 出勤 when off, 退勤 and 休憩 on shift, 復帰 on break', () => {
    expect(punchStatus(undefined, '2026-11-28')).toEqual({
      state: 'off',
      allowed: ['clock_in'],
      missingClockOut: false,
    });
    expect(punchStatus({ type: 'clock_in', workDate: '2026-11-28' }, '2026-11-28').allowed).toEqual([
      'clock_out',
      'break_start',
    ]);
    expect(punchStatus({ type: 'break_start', workDate: '2026-11-28' }, '2026-11-28')).toMatchObject({
      state: 'on_break',
      allowed: ['break_end'],
    });
    expect(punchStatus({ type: 'break_end', workDate: '2026-11-28' }, '2026-11-28').state).toBe('working');
  });

  it('shows 退勤済 for today and 未出勤 again on a later work day', () => {
    expect(punchStatus({ type: 'clock_out', workDate: '2026-11-28' }, '2026-11-28').state).toBe('done');
    expect(punchStatus({ type: 'clock_out', workDate: '2026-11-27' }, '2026-11-28').state).toBe('off');
  });

  it('offers 出勤 again next to 退勤 once a forgotten 退勤 is from an earlier work day', () => {
    const status = punchStatus({ type: 'clock_in', workDate: '2026-11-27' }, '2026-11-28');
    expect(status.missingClockOut).toBe(true);
    expect(status.allowed).toContain('clock_in');
    expect(status.allowed).toContain('clock_out');
    expect(punchStatus({ type: 'break_start', workDate: '2026-11-27' }, '2026-11-28').allowed).toEqual([
      'break_end',
      'clock_in',
    ]);
  });
});

describe('assertPunchAllowed', () => {
  it('refuses a punch invalid in the current state with a stable code', () => {
    const status = punchStatus(undefined, '2026-11-28');
    expect(() => assertPunchAllowed(status, 'clock_out')).toThrow(AppError);
    try {
      assertPunchAllowed(status, 'break_end');
    } catch (error) {
      expect((error as AppError).code).toBe('punch_invalid_state');
    }
    expect(() => assertPunchAllowed(status, 'clock_in')).not.toThrow();
  });
});
