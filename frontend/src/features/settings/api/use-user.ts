import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { settingsKeys } from './keys';

/** One user (GET /users/{id}); used to reload the latest version after a 412. */
export function useUser(id: string, enabled = true) {
  return useQuery({
    queryKey: settingsKeys.user(id),
    enabled: enabled && Boolean(id),
    queryFn: async ({ signal }) => unwrap(await api.GET('/users/{user_id}', { signal, params: { path: { user_id: id } } })),
  });
}
