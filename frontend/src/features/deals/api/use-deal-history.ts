import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { dealKeys } from './keys';

export function useDealHistory(id: string, enabled = true) {
  return useInfiniteQuery({
    queryKey: dealKeys.history(id),
    enabled,
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam, signal }) =>
      unwrap(
        await api.GET('/deals/{deal_id}/history', {
          signal,
          params: { path: { deal_id: id }, query: { limit: 50, cursor: pageParam ?? undefined } },
        }),
      ),
    getNextPageParam: (last) => last.next_cursor ?? null,
  });
}
