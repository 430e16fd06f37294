// The punching answers of the contract (@timecard/contract areas/punching) and pure helpers around
// them. The punch state machine itself is the server's, from packages/domain (not a copy).
import type { RouteOutput, api as routes } from '@timecard/contract';
import type { AttendanceState, PunchType } from '@timecard/domain';

export {
  ATTENDANCE_STATES,
  type AttendanceState,
  PUNCH_TYPES,
  type PunchStatus,
  type PunchType,
  statusAfter,
} from '@timecard/domain';

/** GET /terminal: the office of this device, the server time and each person with their state. */
export type Board = RouteOutput<typeof routes.punching.board>;
export type BoardStaff = Board['staff'][number];
/** POST /terminal/punches and /me/punches. */
export type PunchResult = RouteOutput<typeof routes.punching.terminalPunch>;

/** A new Idempotency-Key: one per tap. */
export function newPunchKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // crypto.randomUUID needs a secure context; a LAN address over plain HTTP is not one.
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** `09:05` of an ISO time with an offset, as the server wrote it (the contract's wall clock). */
export function wallTimeOf(iso: string): string {
  const match = /T(\d{2}):(\d{2})/.exec(iso);
  return match ? `${match[1]}:${match[2]}` : '';
}

/** The offset in minutes of an ISO time (`+09:00` → 540); 0 for `Z` or none. */
export function offsetMinutesOf(iso: string): number {
  const match = /([+-])(\d{2}):?(\d{2})$/.exec(iso);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/** The contract's wall clock at `ms` (epoch milliseconds), given its UTC offset in minutes. */
export function wallClockAt(ms: number, offsetMinutes: number) {
  const shifted = new Date(ms + offsetMinutes * 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    date: `${shifted.getUTCFullYear()}/${pad(shifted.getUTCMonth() + 1)}/${pad(shifted.getUTCDate())}`,
    /** 0 = Sunday. */
    weekday: shifted.getUTCDay(),
    hhmm: `${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}`,
    seconds: pad(shifted.getUTCSeconds()),
    /** The same instant with the offset, e.g. 2026-11-28T09:00:00+09:00 (for <time dateTime>). */
    iso: `${shifted.toISOString().slice(0, 19)}${offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offsetMinutes) / 60))}:${pad(Math.abs(offsetMinutes) % 60)}`,
  };
}

// Terminal colours (product.md §7: 出勤 green, 退勤 red, 休憩 and 復帰 neutral). Each keeps white
// text above 4.5:1, so even small labels pass axe's contrast check.
export const PUNCH_COLORS: Record<PunchType, string> = {
  clock_in: '#15803d',
  clock_out: '#b91c1c',
  break_start: '#495057',
  break_end: '#495057',
};

export const STATE_COLORS: Record<AttendanceState, string> = {
  off: '#495057',
  working: '#15803d',
  on_break: '#b0450c',
  done: '#1864ab',
};
