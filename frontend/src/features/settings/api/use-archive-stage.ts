import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { settingsKeys } from './keys';

/** POST .../archive; a 409 problem says deals are still in the stage. */
export function useArchiveStage() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ pipelineId, stageId }: { pipelineId: string; stageId: string }) =>
      unwrap(
        await api.POST('/pipelines/{pipeline_id}/stages/{stage_id}/archive', {
          params: { path: { pipeline_id: pipelineId, stage_id: stageId } },
        }),
      ),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: settingsKeys.pipelines.all });
      void qc.invalidateQueries({ queryKey: settingsKeys.dealBoards() });
    },
  });
}
