import { useQuery } from '@tanstack/react-query';
import type { RouteOutput } from '@timecard/contract';
import { api as routes } from '@timecard/contract';
import { call } from '../../shared/client.ts';
import { formatDate } from '../../shared/format.ts';

export type RequestItem = RouteOutput<typeof routes.requests.get>;
export type RequestRow = RouteOutput<typeof routes.requests.list>['items'][number];
export type RequestStatus = RequestRow['status'];
export type RequestKind = RequestRow['kind'];

export const REQUEST_KIND_OPTIONS: RequestKind[] = [
  'punch_correction',
  'leave',
  'overtime',
  'attendance_confirmation',
];
export const REQUEST_STATUS_OPTIONS: RequestStatus[] = [
  'pending',
  'approved',
  'rejected',
  'returned',
  'cancelled',
  'reopened',
];

/** Badge colours at AA contrast on white (filled, dark shades). */
export const STATUS_COLOR: Record<RequestStatus, string> = {
  pending: 'blue.9',
  approved: 'teal.9',
  rejected: 'red.9',
  // orange.9 is below AA with white text; this brown is 5.7:1 (as the timecard's notice).
  returned: '#9c3d00',
  cancelled: 'gray.7',
  reopened: 'grape.9',
};

/** The dates a request is about: one day, or a range. */
export function datesText(row: Pick<RequestRow, 'dateFrom' | 'dateTo'>): string {
  return row.dateFrom === row.dateTo
    ? formatDate(row.dateFrom)
    : `${formatDate(row.dateFrom)}〜${formatDate(row.dateTo)}`;
}

/** The menu's count badge: requests waiting for the signed-in person's decision. */
export function usePendingCount(enabled: boolean) {
  return useQuery({
    queryKey: ['requests', 'pending-count'],
    queryFn: ({ signal }) => call(routes.requests.pendingCount, {}, { signal }),
    enabled,
    refetchInterval: 60_000,
  });
}

/** `YYYY-MM-DDTHH:mm` → `09:00`, with 翌 when it is the next day. */
export function punchTimeText(at: string, date: string, nextDayWord: string): string {
  const time = at.slice(11, 16);
  return at.slice(0, 10) > date ? `${nextDayWord}${time}` : time;
}
