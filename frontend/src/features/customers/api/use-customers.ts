import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { api, type ApiPaths } from '@/api/client';
import { unwrap } from '@/api/errors';
import { customerKeys } from './keys';
import { isLiveCustomer, type CustomerListParams } from './types';

type ListQuery = NonNullable<ApiPaths['/customers']['get']['parameters']['query']>;

/**
 * The list endpoint reads `field=value` / `field[op]=value` filters generically from the query
 * string, so the document does not declare them; they are added here next to the typed params.
 */
export function customerListQuery(params: CustomerListParams, cursor: string | null): ListQuery {
  const filters: Record<string, string> = {};
  if (params.type) filters.type = params.type;
  if (params.tag) filters['tags[contains]'] = params.tag;
  if (params.ownerId) filters.owner_id = params.ownerId;
  if (params.companyId) filters.company_id = params.companyId;
  const base: ListQuery = {
    limit: params.limit ?? 25,
    sort: params.sort,
    q: params.q || undefined,
    cursor: cursor ?? undefined,
    include_total: cursor ? undefined : params.includeTotal,
  };
  return { ...base, ...filters } as ListQuery;
}

/** GET /customers with keyset pagination (next_cursor) and server-side search/filter/sort. */
export function useCustomers(params: CustomerListParams) {
  return useInfiniteQuery({
    queryKey: customerKeys.list(params),
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam, signal }) => {
      const page = unwrap(await api.GET('/customers', { signal, params: { query: customerListQuery(params, pageParam) } }));
      return { ...page, items: page.items.filter(isLiveCustomer) };
    },
    getNextPageParam: (last) => last.next_cursor ?? null,
    placeholderData: keepPreviousData,
  });
}
