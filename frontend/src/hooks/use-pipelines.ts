import { useQuery } from '@tanstack/react-query';
import { api, type Schemas } from '@/api/client';
import { unwrap } from '@/api/errors';

export type Pipeline = Schemas['PipelineRead'];
export type Stage = Schemas['StageRead'];
export type StageKind = Stage['kind'];

/** Shared key root: settings mutations invalidate it, the deal screens read it. */
export const pipelineKeys = {
  all: ['pipelines'] as const,
  list: () => [...pipelineKeys.all, 'list'] as const,
};

/** All pipelines with their active stages in position order (GET /pipelines). */
export function usePipelines(enabled = true) {
  return useQuery({
    queryKey: pipelineKeys.list(),
    enabled,
    staleTime: 60_000,
    queryFn: async ({ signal }) => {
      const items: Pipeline[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 10; i++) {
        const page = unwrap(await api.GET('/pipelines', { signal, params: { query: { limit: 200, cursor } } }));
        // Screens work with active stages only (archived ones keep old deals' history readable).
        items.push(...page.items.map((p) => ({ ...p, stages: p.stages.filter((s) => !s.archived_at) })));
        if (!page.next_cursor) break;
        cursor = page.next_cursor;
      }
      return items;
    },
  });
}

/** The pipeline to show when none is chosen: the default one, else the first. */
export function defaultPipeline(pipelines: readonly Pipeline[] | undefined): Pipeline | undefined {
  return pipelines?.find((p) => p.is_default) ?? pipelines?.[0];
}
