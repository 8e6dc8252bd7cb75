import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { leadKeys } from './keys';

export function useLeadHistory(id: string, enabled = true) {
  return useInfiniteQuery({
    queryKey: leadKeys.history(id),
    enabled,
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam, signal }) =>
      unwrap(
        await api.GET('/leads/{lead_id}/history', {
          signal,
          params: { path: { lead_id: id }, query: { limit: 50, cursor: pageParam ?? undefined } },
        }),
      ),
    getNextPageParam: (last) => last.next_cursor ?? null,
  });
}
