import { useQuery } from '@tanstack/react-query';
import { api, type ApiPaths } from '@/api/client';
import { unwrap } from '@/api/errors';
import { taskKeys } from './keys';
import { isLiveTask } from './types';

type ListQuery = NonNullable<ApiPaths['/tasks']['get']['parameters']['query']>;

/**
 * The caller's open reminder tasks (birthdays, renewals, follow-ups) due between `from` and `to`.
 * The list reads `field[op]=value` filters generically, so the document does not declare them; they
 * are added here next to the typed params.
 */
export function useReminderWeek(assigneeId: string | undefined, from: string, to: string) {
  return useQuery({
    queryKey: taskKeys.reminders({ assigneeId: assigneeId ?? '', from, to }),
    enabled: Boolean(assigneeId),
    queryFn: async ({ signal }) => {
      const query = {
        limit: 100,
        sort: 'due_at',
        source: 'reminder',
        status: 'open',
        assignee_id: assigneeId,
        'due_at[gte]': from,
        'due_at[lt]': to,
      } as ListQuery;
      return unwrap(await api.GET('/tasks', { signal, params: { query } })).items.filter(isLiveTask);
    },
  });
}
