import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { notificationKeys } from './keys';
import type { Notification } from './types';

/** POST /notifications/{id}/read; the list and the count update at once. */
export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => unwrap(await api.POST('/notifications/{notification_id}/read', { params: { path: { notification_id: id } } })),
    onMutate: (id) => {
      const list = qc.getQueryData<{ items: Notification[] }>(notificationKeys.list());
      const wasUnread = list?.items.some((n) => n.id === id && !n.read_at);
      if (list) qc.setQueryData(notificationKeys.list(), { ...list, items: list.items.map((n) => (n.id === id && !n.read_at ? { ...n, read_at: new Date().toISOString() } : n)) });
      if (wasUnread) qc.setQueryData<number>(notificationKeys.unreadCount(), (c) => Math.max(0, (c ?? 1) - 1));
    },
    onSettled: () => void qc.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

/** POST /notifications/read-all. */
export function useMarkAllRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await api.POST('/notifications/read-all')),
    onMutate: () => qc.setQueryData(notificationKeys.unreadCount(), 0),
    onSettled: () => void qc.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}
