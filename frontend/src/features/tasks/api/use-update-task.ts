import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { taskKeys } from './keys';
import type { Task, TaskUpdate } from './types';

/** PATCH /tasks/{id} with If-Match (complete: `status: done`; reschedule: `due_at`). */
export function useUpdateTask() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ task, changes }: { task: Task; changes: TaskUpdate }) =>
      unwrap(
        await api.PATCH('/tasks/{task_id}', {
          params: { path: { task_id: task.id }, header: { 'if-match': `"${task.version}"` } },
          body: changes,
        }),
      ),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: taskKeys.all });
      void qc.invalidateQueries({ queryKey: ['timeline'] });
    },
  });
}
