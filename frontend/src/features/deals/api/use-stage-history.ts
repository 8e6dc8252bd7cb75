import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { dealKeys } from './keys';

/** GET /deals/{id}/stage-history: every stage change with the time spent in the stage entered. */
export function useStageHistory(id: string, enabled = true) {
  return useQuery({
    queryKey: dealKeys.stageHistory(id),
    enabled: enabled && Boolean(id),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/deals/{deal_id}/stage-history', { signal, params: { path: { deal_id: id } } })).items,
  });
}
