import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { notificationKeys } from './keys';

/** The caller's latest notifications, newest first (GET /notifications). */
export function useNotifications(enabled = true) {
  return useQuery({
    queryKey: notificationKeys.list(),
    enabled,
    queryFn: async ({ signal }) => unwrap(await api.GET('/notifications', { signal, params: { query: { limit: 20 } } })),
  });
}
