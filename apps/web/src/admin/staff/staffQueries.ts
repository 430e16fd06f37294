import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api as routes } from '@timecard/contract';
import { call } from '../../shared/client.ts';

export interface StaffFilter {
  q?: string;
  verification?: 'pending';
  usage?: 'active' | 'inactive' | 'all';
}

/** GET /staff, page by page (cursor). */
export function useStaffList(filter: StaffFilter) {
  return useInfiniteQuery({
    queryKey: ['staff', 'list', filter],
    queryFn: ({ pageParam, signal }) =>
      call(
        routes.staff.list,
        { query: { ...filter, cursor: pageParam ?? undefined, limit: 100 } },
        { signal },
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: (previous) => previous,
  });
}

/** GET /offices: the contract's offices. */
export function useOffices() {
  return useQuery({
    queryKey: ['offices'],
    queryFn: ({ signal }) => call(routes.offices.list, {}, { signal }).then((answer) => answer.items),
  });
}
