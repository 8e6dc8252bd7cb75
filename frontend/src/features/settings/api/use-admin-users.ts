import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { settingsKeys } from './keys';

/** Every user, active or not, for the admin list (GET /users, keyset pages). */
export function useAdminUsers() {
  return useInfiniteQuery({
    queryKey: settingsKeys.userList(),
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam, signal }) =>
      unwrap(await api.GET('/users', { signal, params: { query: { limit: 200, sort: 'full_name', cursor: pageParam ?? undefined } } })),
    getNextPageParam: (last) => last.next_cursor ?? null,
  });
}
