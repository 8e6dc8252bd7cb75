import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { taskKeys } from './keys';
import { isLiveTask, type TaskView } from './types';

/** The caller's open tasks of one view (GET /tasks?view=…&tz=…): due before now, today, or the next 14 days. */
export function useTaskView(view: TaskView, tz: string) {
  return useInfiniteQuery({
    queryKey: taskKeys.view(view, tz),
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam, signal }) => {
      const page = unwrap(await api.GET('/tasks', { signal, params: { query: { view, tz, limit: 50, cursor: pageParam ?? undefined } } }));
      return { ...page, items: page.items.filter(isLiveTask) };
    },
    getNextPageParam: (last) => last.next_cursor ?? null,
  });
}
