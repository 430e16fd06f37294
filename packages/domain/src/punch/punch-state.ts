import { AppError } from '../errors/app-error.ts';

/** 出勤 / 退勤 / 休憩 / 復帰. */
export const PUNCH_TYPES = ['clock_in', 'clock_out', 'break_start', 'break_end'] as const;
export type PunchType = (typeof PUNCH_TYPES)[number];

/** 未出勤 / 勤務中 / 休憩中 / 退勤済 (product.md §2). */
export const ATTENDANCE_STATES = ['off', 'working', 'on_break', 'done'] as const;
export type AttendanceState = (typeof ATTENDANCE_STATES)[number];

export interface LastPunch {
  type: PunchType;
  /** The work date (YYYY-MM-DD) the punch belongs to. */
  workDate: string;
}

export interface PunchStatus {
  state: AttendanceState;
  /** The punches valid now, in the order the terminal shows them. */
  allowed: PunchType[];
  /**
   * True when the person is still on shift from an earlier work day: the last 退勤 is missing. 出勤
   * is offered again next to 退勤 so a forgotten punch never locks anyone out (issue 5).
   */
  missingClockOut: boolean;
}

/**
 * The state of a person from their last punch and today's work date.
 *
 * @example
 *   punchStatus({ type: 'clock_in', workDate: '2026-11-27' }, '2026-11-28')
 *   // → { state: 'working', allowed: ['clock_out', 'break_start', 'clock_in'], missingClockOut: true }
 */
export function punchStatus(last: LastPunch | undefined, today: string): PunchStatus {
  if (!last) return { state: 'off', allowed: ['clock_in'], missingClockOut: false };
  const stale = last.workDate < today;
  switch (last.type) {
    case 'clock_out':
      return { state: stale ? 'off' : 'done', allowed: ['clock_in'], missingClockOut: false };
    case 'clock_in':
    case 'break_end':
      return stale
        ? { state: 'working', allowed: ['clock_out', 'break_start', 'clock_in'], missingClockOut: true }
        : { state: 'working', allowed: ['clock_out', 'break_start'], missingClockOut: false };
    case 'break_start':
      return stale
        ? { state: 'on_break', allowed: ['break_end', 'clock_in'], missingClockOut: true }
        : { state: 'on_break', allowed: ['break_end'], missingClockOut: false };
  }
}

/**
 * The status right after a punch of today: what a terminal shows for a punch it has queued but not
 * sent yet (the server gives the same answer once it arrives).
 */
export function statusAfter(type: PunchType): PunchStatus {
  return punchStatus({ type, workDate: 'today' }, 'today');
}

/** Throws `punch_invalid_state` unless `type` is valid now; the punch then changes nothing. */
export function assertPunchAllowed(status: PunchStatus, type: PunchType): void {
  if (!status.allowed.includes(type)) {
    throw new AppError('punch_invalid_state', { type, state: status.state });
  }
}
