import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { settingsKeys } from './keys';
import type { StageCreate } from './types';

export function useCreateStage() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ pipelineId, body }: { pipelineId: string; body: StageCreate }) =>
      unwrap(await api.POST('/pipelines/{pipeline_id}/stages', { params: { path: { pipeline_id: pipelineId } }, body })),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: settingsKeys.pipelines.all });
      void qc.invalidateQueries({ queryKey: settingsKeys.dealBoards() });
    },
  });
}
