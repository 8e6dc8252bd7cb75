import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { settingsKeys } from './keys';
import type { StageUpdate } from './types';

export function useUpdateStage() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ pipelineId, stageId, changes }: { pipelineId: string; stageId: string; changes: StageUpdate }) =>
      unwrap(
        await api.PATCH('/pipelines/{pipeline_id}/stages/{stage_id}', {
          params: { path: { pipeline_id: pipelineId, stage_id: stageId } },
          body: changes,
        }),
      ),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: settingsKeys.pipelines.all });
      void qc.invalidateQueries({ queryKey: settingsKeys.dealBoards() });
    },
  });
}
