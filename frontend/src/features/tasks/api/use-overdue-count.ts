import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { taskKeys } from './keys';

/** How many of the caller's open tasks are overdue (for the My day badge in the navigation). */
export function useOverdueCount(tz: string, enabled = true) {
  return useQuery({
    queryKey: taskKeys.overdueCount(tz),
    enabled,
    staleTime: 60_000,
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/tasks', { signal, params: { query: { view: 'overdue', tz, limit: 1, include_total: true } } })).total ?? 0,
  });
}
