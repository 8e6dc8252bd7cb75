import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { trashKeys } from './keys';

export function useTrash(recordType?: string) {
  return useInfiniteQuery({
    queryKey: trashKeys.list(recordType),
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam, signal }) =>
      unwrap(
        await api.GET('/trash', {
          signal,
          params: { query: { limit: 50, cursor: pageParam ?? undefined, record_type: recordType } },
        }),
      ),
    getNextPageParam: (last) => last.next_cursor ?? null,
  });
}
