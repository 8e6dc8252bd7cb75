import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { dealKeys } from './keys';
import type { BoardParams } from './types';

/** Cards per column at first, what "Show more" adds, and the server's ceiling. */
export const BOARD_PAGE = 25;
export const BOARD_MAX = 200;

/** GET /deals/board: one column per active stage with count and totals over all its deals and its first cards by rank. */
export function useBoard(params: BoardParams, enabled = true) {
  return useQuery({
    queryKey: dealKeys.board(params),
    enabled: enabled && Boolean(params.pipelineId),
    // "Show more" asks for a longer board: keep the cards on screen while it loads.
    placeholderData: keepPreviousData,
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/deals/board', {
          signal,
          params: { query: { pipeline_id: params.pipelineId, owner_id: params.ownerId || undefined, per_stage: params.perStage } },
        }),
      ),
  });
}
