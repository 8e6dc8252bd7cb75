import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { notificationKeys } from './keys';

/** The bell's number (GET /notifications/unread-count); live events keep it current. */
export function useUnreadCount(enabled = true) {
  return useQuery({
    queryKey: notificationKeys.unreadCount(),
    enabled,
    staleTime: 60_000,
    queryFn: async ({ signal }) => unwrap(await api.GET('/notifications/unread-count', { signal })).count,
  });
}
