import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { settingsKeys } from './keys';
import type { PipelineCreate } from './types';

export function useCreatePipeline() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: PipelineCreate) => unwrap(await api.POST('/pipelines', { body })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: settingsKeys.pipelines.all }),
  });
}
