import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { settingsKeys } from './keys';

export function useApiKeys() {
  return useInfiniteQuery({
    queryKey: settingsKeys.apiKeyList(),
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam, signal }) =>
      unwrap(await api.GET('/api-keys', { signal, params: { query: { limit: 100, cursor: pageParam ?? undefined } } })),
    getNextPageParam: (last) => last.next_cursor ?? null,
  });
}
