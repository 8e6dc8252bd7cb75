import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { settingsKeys } from './keys';
import type { Pipeline } from './types';

/** PUT /pipelines/{id}/stage-order with every active stage id; the list is reordered at once. */
export function useReorderStages() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ pipelineId, stageIds }: { pipelineId: string; stageIds: string[] }) =>
      unwrap(
        await api.PUT('/pipelines/{pipeline_id}/stage-order', {
          params: { path: { pipeline_id: pipelineId } },
          body: { stage_ids: stageIds },
        }),
      ),
    onMutate: async ({ pipelineId, stageIds }) => {
      await qc.cancelQueries({ queryKey: settingsKeys.pipelines.list() });
      const previous = qc.getQueryData<Pipeline[]>(settingsKeys.pipelines.list());
      if (previous) {
        qc.setQueryData<Pipeline[]>(
          settingsKeys.pipelines.list(),
          previous.map((p) => {
            if (p.id !== pipelineId) return p;
            const byId = new Map(p.stages.map((s) => [s.id, s]));
            return { ...p, stages: stageIds.map((id) => byId.get(id)).filter((s): s is Pipeline['stages'][number] => Boolean(s)) };
          }),
        );
      }
      return { previous };
    },
    onError: (_e, _v, ctx) => {
      if (ctx?.previous) qc.setQueryData(settingsKeys.pipelines.list(), ctx.previous);
    },
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: settingsKeys.pipelines.all });
      void qc.invalidateQueries({ queryKey: settingsKeys.dealBoards() });
    },
  });
}
