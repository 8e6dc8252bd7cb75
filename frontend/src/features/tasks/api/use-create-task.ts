import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { taskKeys } from './keys';
import type { TaskCreate } from './types';

/** POST /tasks (assigned to the caller unless someone they manage is named). */
export function useCreateTask() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: TaskCreate) => unwrap(await api.POST('/tasks', { body })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: taskKeys.all }),
  });
}
