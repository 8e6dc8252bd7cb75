import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { timelineKeys } from './keys';
import type { TaskCreate } from './types';

/** POST /tasks for the record on screen (My day and the record's timeline both refresh). */
export function useCreateRecordTask() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: TaskCreate) => unwrap(await api.POST('/tasks', { body })),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: timelineKeys.all });
      void qc.invalidateQueries({ queryKey: timelineKeys.tasks });
    },
  });
}
