import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type Me, type Staff, type StaffPage } from '../../shared/api.ts';

// ---- answers of docs/api.md, "Timecards, corrections, rules and reports (issue 6)" -------------

export type PunchType = 'clock_in' | 'break_start' | 'break_end' | 'clock_out';
export const PUNCH_TYPES: PunchType[] = ['clock_in', 'break_start', 'break_end', 'clock_out'];

/** The engine's figures of labor-rules.md §4: minutes, and days for the last two. */
export interface Figures {
  worked: number;
  scheduledWithin: number;
  statutoryWithinOvertime: number;
  statutoryOvertime: number;
  statutoryOvertimeUpTo60h: number;
  statutoryOvertimeOver60h: number;
  statutoryOvertimeInsideSchedule: number;
  lateNight: number;
  lateNightOnStatutoryOvertime: number;
  lateNightOnStatutoryOvertimeOver60h: number;
  lateNightOnLegalHoliday: number;
  legalHolidayWork: number;
  late: number;
  earlyLeave: number;
  privateOut: number;
  absenceDays: number;
  paidLeaveDays: number;
}

export interface PunchVersion {
  type: PunchType;
  at: string;
}

export interface TimecardPunch {
  id: number;
  type: PunchType;
  at: string; // YYYY-MM-DDTHH:mm in the contract's zone
  /** シフト丸め: the time the punch is counted from (or to), when it differs. */
  countedAt?: string;
  source: string;
  corrected: boolean;
  original: PunchVersion | null;
  history: {
    by: string | null;
    at: string;
    reason: string | null;
    before: PunchVersion | null;
    after: PunchVersion;
  }[];
  flags: Record<string, unknown>;
}

/** Where a day stands: outside the employment, not over yet (not 欠勤 nor 未打刻 yet), or over. */
export type DayStanding = 'before_hire' | 'after_retire' | 'not_ended' | 'ended';

export interface TimecardDay {
  date: string;
  standing: DayStanding;
  /** シフト制 staff: the day's published shift (null: none); absent for 固定 staff. */
  shift?: { off: boolean; start: string | null; end: string | null } | null;
  holiday: string | null;
  punches: TimecardPunch[];
  figures: Figures;
  warnings: string[]; // CODE@YYYY-MM-DD
  incomplete: string[]; // codes
  /** Under 変形: which step made the day's overtime (日 / 週 / 変形期間), in minutes. */
  overtimeSteps?: { day: number; week: number; period: number };
}

export interface Timecard {
  staff: { id: number; name: string; code: string | null; hiredOn: string | null; retiredOn: string | null };
  period: { from: string; to: string };
  /** The last work date that is over. */
  lastEnded: string;
  locked: boolean;
  settings: { monthStartDay: number; weekStart: string; dayBoundary: string };
  days: TimecardDay[];
  totals: Figures & { attendedDays: number; incompleteDays: number; rounded?: Partial<Figures> };
  warnings: string[];
  agreement36: {
    overtimeMinutes: number;
    overtimePlusLegalHolidayMinutes: number;
    exceeds45h: boolean;
    reaches100h: boolean;
  };
  /** Under 1か月単位の変形労働時間制: each 変形期間, its legal frame, plan and (for the whole period) work. */
  variablePeriods?: {
    from: string;
    to: string;
    frameMinutes: number;
    scheduledMinutes: number;
    workedMinutes: number | null;
  }[];
}

export interface SummaryRow {
  staffId: number;
  code: string | null;
  name: string;
  attendedDays: number;
  worked: number;
  scheduledWithin: number;
  statutoryWithinOvertime: number;
  statutoryOvertime: number;
  statutoryOvertimeUpTo60h: number;
  statutoryOvertimeOver60h: number;
  lateNight: number;
  lateNightOnStatutoryOvertime: number;
  legalHolidayWork: number;
  lateNightOnLegalHoliday: number;
  late: number;
  earlyLeave: number;
  privateOut: number;
  absenceDays: number;
  paidLeaveDays: number;
  incompleteDays: number;
  warnings: string[];
  /** Under 変形: the legal frame of the 変形期間 in minutes. */
  variableFrameMinutes?: number;
}

export interface AttendanceReport {
  rows: SummaryRow[];
  from: string;
  to: string;
}

export interface PeriodLock {
  periodFrom: string;
  periodTo: string;
  lockedAt: string;
}

// ---- queries ------------------------------------------------------------------------------------

export const timecardKey = (staffId: number, month: string) => ['timecard', staffId, month] as const;

/** GET /timecards/:staffId?month=YYYY-MM: one person's pay period. */
export function useTimecard(staffId: number | null, month: string) {
  return useQuery({
    queryKey: timecardKey(staffId ?? 0, month),
    queryFn: ({ signal }) => api<Timecard>(`/timecards/${staffId}`, { query: { month }, signal }),
    enabled: staffId !== null,
    placeholderData: keepPreviousData,
  });
}

/** GET /reports/attendance: one row per person for a range. */
export function useAttendanceReport(query: { from: string; to: string; officeId?: number | undefined }) {
  return useQuery({
    queryKey: ['reports', 'attendance', query],
    queryFn: ({ signal }) => api<AttendanceReport>('/reports/attendance', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

/** GET /period-locks: the contract's closed pay periods. */
export function usePeriodLocks() {
  return useQuery({
    queryKey: ['period-locks'],
    queryFn: ({ signal }) =>
      api<{ items: PeriodLock[] }>('/period-locks', { signal }).then((answer) => answer.items),
  });
}

export interface StaffChoice {
  id: number;
  name: string;
  code: string | null;
  offices: number[];
}

/**
 * The people whose timecards the signed-in member may open: everyone for an administrator or a
 * 従業員管理 viewer (GET /staff, every page), the rows of 集計・出力 for a 実績 viewer, and
 * otherwise only themself (product.md §2: staff without rights see their own timecard only).
 */
export function useStaffChoices(me: Me, period: { from: string; to: string } | null) {
  const staff = me.staff;
  const isAdmin = staff?.isAdmin === true;
  const offices = staff?.offices ?? [];
  // Offices whose people's timecards this member may read (実績 閲覧 or more).
  const readable = offices.filter((o) => o.attendance !== 'none').map((o) => o.officeId);
  const canListStaff = isAdmin || (readable.length > 0 && offices.some((o) => o.staffManage !== 'none'));
  const mode: 'staff' | 'report' | 'self' = canListStaff
    ? 'staff'
    : readable.length > 0 && period
      ? 'report'
      : 'self';
  return useQuery({
    queryKey: ['timecard-staff-choices', mode, mode === 'report' ? period : null, staff?.id],
    staleTime: 60_000,
    queryFn: async ({ signal }): Promise<StaffChoice[]> => {
      const self: StaffChoice[] = staff
        ? [{ id: staff.id, name: staff.name, code: null, offices: offices.map((o) => o.officeId) }]
        : [];
      if (mode === 'staff') {
        const items: Staff[] = [];
        let cursor: string | null = null;
        do {
          const page: StaffPage = await api<StaffPage>('/staff', {
            query: { usage: 'all', limit: 200, cursor },
            signal,
          });
          items.push(...page.items);
          cursor = page.nextCursor;
        } while (cursor);
        const choices = items
          .filter(
            (s) => isAdmin || s.id === staff?.id || s.offices.some((o) => readable.includes(o.officeId)),
          )
          .map((s) => ({ id: s.id, name: s.name, code: s.code, offices: s.offices.map((o) => o.officeId) }));
        return choices.some((c) => c.id === staff?.id) ? choices : [...self, ...choices];
      }
      if (mode === 'report' && period) {
        const report = await api<AttendanceReport>('/reports/attendance', { query: period, signal });
        const rows = report.rows.map((r) => ({ id: r.staffId, name: r.name, code: r.code, offices: [] }));
        return rows.some((r) => r.id === staff?.id) ? rows : [...self, ...rows];
      }
      return self;
    },
  });
}
