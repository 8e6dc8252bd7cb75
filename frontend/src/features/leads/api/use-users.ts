import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { leadKeys } from './keys';

/** Users for owner pickers and filters (GET /users, first 200). */
export function useUsers() {
  return useQuery({
    queryKey: leadKeys.users(),
    staleTime: 5 * 60_000,
    queryFn: async ({ signal }) => unwrap(await api.GET('/users', { signal, params: { query: { limit: 200 } } })).items,
  });
}
