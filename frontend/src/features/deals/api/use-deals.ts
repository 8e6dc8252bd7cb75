import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { api, type ApiPaths } from '@/api/client';
import { unwrap } from '@/api/errors';
import { dealKeys } from './keys';
import type { Deal, DealListParams } from './types';

type ListQuery = NonNullable<ApiPaths['/deals']['get']['parameters']['query']>;

/** `field=value` / `field[op]=value` filters are read generically by the server, so added here. */
export function dealListQuery(params: DealListParams, cursor: string | null): ListQuery {
  const filters: Record<string, string> = {};
  if (params.pipelineId) filters.pipeline_id = params.pipelineId;
  if (params.stageId) filters.stage_id = params.stageId;
  if (params.ownerId) filters.owner_id = params.ownerId;
  if (params.customerId) filters.customer_id = params.customerId;
  if (params.status) filters.status = params.status;
  if (params.amountMin) filters['amount[gte]'] = params.amountMin;
  if (params.amountMax) filters['amount[lte]'] = params.amountMax;
  if (params.closeFrom) filters['expected_close_date[gte]'] = params.closeFrom;
  if (params.closeTo) filters['expected_close_date[lte]'] = params.closeTo;
  const base = {
    limit: params.limit ?? 25,
    sort: params.sort,
    q: params.q || undefined,
    cursor: cursor ?? undefined,
  };
  return { ...base, ...filters } as ListQuery;
}

function isLiveDeal(item: object): item is Deal {
  return 'stage_id' in item;
}

/** GET /deals with keyset pagination and server-side search/filter/sort. */
export function useDeals(params: DealListParams) {
  return useInfiniteQuery({
    queryKey: dealKeys.list(params),
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam, signal }) => {
      const page = unwrap(await api.GET('/deals', { signal, params: { query: dealListQuery(params, pageParam) } }));
      return { ...page, items: (page.items as object[]).filter(isLiveDeal) };
    },
    getNextPageParam: (last) => last.next_cursor ?? null,
    placeholderData: keepPreviousData,
  });
}
