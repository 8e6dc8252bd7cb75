import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { customerKeys } from './keys';
import type { CustomerListParams } from './types';

/** GET /customers with keyset pagination (next_cursor) and server-side search/filter/sort. */
export function useCustomers(params: CustomerListParams) {
  return useInfiniteQuery({
    queryKey: customerKeys.list(params),
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam, signal }) =>
      unwrap(
        await api.GET('/customers', {
          signal,
          params: {
            query: {
              limit: params.limit ?? 25,
              sort: params.sort,
              q: params.q || undefined,
              type: params.type,
              'tags[contains]': params.tag || undefined,
              owner_id: params.ownerId || undefined,
              cursor: pageParam ?? undefined,
              include_total: pageParam ? undefined : true,
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.next_cursor ?? null,
    placeholderData: keepPreviousData,
  });
}
