import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { dealKeys } from './keys';
import type { BoardParams } from './types';

/** GET /deals/board: one column per active stage with count, totals and up to 500 deals by rank. */
export function useBoard(params: BoardParams, enabled = true) {
  return useQuery({
    queryKey: dealKeys.board(params),
    enabled: enabled && Boolean(params.pipelineId),
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/deals/board', {
          signal,
          params: { query: { pipeline_id: params.pipelineId, owner_id: params.ownerId || undefined } },
        }),
      ),
  });
}
