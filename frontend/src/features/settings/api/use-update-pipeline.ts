import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { settingsKeys } from './keys';
import type { PipelineUpdate } from './types';

export interface UpdatePipelineInput {
  id: string;
  version: number;
  changes: PipelineUpdate;
}

/** PATCH /pipelines/{id} (rename, currency, make default) with If-Match; a stale version answers 412. */
export function useUpdatePipeline() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, version, changes }: UpdatePipelineInput) =>
      unwrap(
        await api.PATCH('/pipelines/{pipeline_id}', {
          params: { path: { pipeline_id: id }, header: { 'if-match': `"${version}"` } },
          body: changes,
        }),
      ),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: settingsKeys.pipelines.all });
      void qc.invalidateQueries({ queryKey: settingsKeys.dealBoards() });
    },
  });
}
