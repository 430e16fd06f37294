import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, type Office, type StaffPage } from '../../shared/api.ts';

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
      api<StaffPage>('/staff', {
        query: { ...filter, cursor: pageParam ?? undefined, limit: 100 },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: (previous) => previous,
  });
}

/** GET /offices: the contract's offices. */
export function useOffices() {
  return useQuery({
    queryKey: ['offices'],
    queryFn: ({ signal }) => api<{ items: Office[] }>('/offices', { signal }).then((answer) => answer.items),
  });
}
