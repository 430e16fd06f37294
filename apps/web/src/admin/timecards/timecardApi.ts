import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type FiguresSchema, type RouteOutput, api as routes } from '@timecard/contract';
import type { z } from 'zod';
import type { Me, Staff, StaffPage } from '../../shared/api.ts';
import { call } from '../../shared/client.ts';

// ---- answers of the contract (@timecard/contract, areas/timecards and areas/reports) ------------

/** タイムカード of one person (GET /timecards/{id}). */
export type Timecard = RouteOutput<typeof routes.timecards.get>;
/** The engine's figures of labor-rules.md §4: minutes, and days for the last two. */
export type Figures = z.output<typeof FiguresSchema>;
export type TimecardDay = Timecard['days'][number];
export type TimecardPunch = TimecardDay['punches'][number];
export type PunchType = TimecardPunch['type'];
/** In the order of a day (the correction dialog's choices). */
export const PUNCH_TYPES: readonly PunchType[] = ['clock_in', 'break_start', 'break_end', 'clock_out'];
/** Where a day stands: outside the employment, not over yet (not 欠勤 nor 未打刻 yet), or over. */
export type DayStanding = TimecardDay['standing'];

/** 集計・出力 (GET /reports/attendance). */
export type AttendanceReport = RouteOutput<typeof routes.reports.attendance>;
export type SummaryRow = AttendanceReport['rows'][number];
export type PeriodLock = RouteOutput<typeof routes.timecards.listLocks>['items'][number];

// ---- queries ------------------------------------------------------------------------------------

export const timecardKey = (staffId: number, month: string) => ['timecard', staffId, month] as const;

/** GET /timecards/:staffId?month=YYYY-MM: one person's pay period. */
export function useTimecard(staffId: number | null, month: string) {
  return useQuery({
    queryKey: timecardKey(staffId ?? 0, month),
    queryFn: ({ signal }) =>
      call(routes.timecards.get, { params: { id: staffId! }, query: { month } }, { signal }),
    enabled: staffId !== null,
    placeholderData: keepPreviousData,
  });
}

/** GET /reports/attendance: one row per person for a range. */
export function useAttendanceReport(query: { from: string; to: string; officeId?: number | undefined }) {
  return useQuery({
    queryKey: ['reports', 'attendance', query],
    queryFn: ({ signal }) => call(routes.reports.attendance, { query }, { signal }),
    placeholderData: keepPreviousData,
  });
}

/** GET /period-locks: the contract's closed pay periods. */
export function usePeriodLocks() {
  return useQuery({
    queryKey: ['period-locks'],
    queryFn: ({ signal }) => call(routes.timecards.listLocks, {}, { signal }).then((answer) => answer.items),
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
          const page: StaffPage = await call(
            routes.staff.list,
            { query: { usage: 'all', limit: 200, cursor: cursor ?? undefined } },
            { signal },
          );
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
        const report = await call(routes.reports.attendance, { query: period }, { signal });
        const rows = report.rows.map((r) => ({ id: r.staffId, name: r.name, code: r.code, offices: [] }));
        return rows.some((r) => r.id === staff?.id) ? rows : [...self, ...rows];
      }
      return self;
    },
  });
}
