import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { api, type ApiPaths } from '@/api/client';
import { unwrap } from '@/api/errors';
import { leadKeys } from './keys';
import { isLiveLead, type LeadListParams } from './types';

type ListQuery = NonNullable<ApiPaths['/leads']['get']['parameters']['query']>;

/**
 * The list endpoint reads `field=value` / `field[op]=value` filters generically from the query
 * string, so the document does not declare them; they are added here next to the typed params.
 */
export function leadListQuery(params: LeadListParams, cursor: string | null): ListQuery {
  const filters: Record<string, string | number> = {};
  if (params.statuses && params.statuses.length === 1) filters.status = params.statuses[0]!;
  else if (params.statuses && params.statuses.length > 1) filters['status[in]'] = params.statuses.join(',');
  if (params.source) filters.source = params.source;
  if (params.campaign) filters.campaign = params.campaign;
  if (params.ownerId) filters.owner_id = params.ownerId;
  if (typeof params.scoreMin === 'number') filters['score[gte]'] = params.scoreMin;
  if (typeof params.scoreMax === 'number') filters['score[lte]'] = params.scoreMax;
  const base: ListQuery = {
    limit: params.limit ?? 25,
    sort: params.sort,
    q: params.q || undefined,
    cursor: cursor ?? undefined,
    include_total: cursor ? undefined : params.includeTotal,
  };
  return { ...base, ...filters } as ListQuery;
}

/** GET /leads with keyset pagination (next_cursor) and server-side search/filter/sort. */
export function useLeads(params: LeadListParams, enabled = true) {
  return useInfiniteQuery({
    queryKey: leadKeys.list(params),
    enabled,
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam, signal }) => {
      const page = unwrap(await api.GET('/leads', { signal, params: { query: leadListQuery(params, pageParam) } }));
      return { ...page, items: page.items.filter(isLiveLead) };
    },
    getNextPageParam: (last) => last.next_cursor ?? null,
    placeholderData: keepPreviousData,
  });
}
