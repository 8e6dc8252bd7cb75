import { useInfiniteQuery } from '@tanstack/react-query';
import { api, type ApiPaths, type Schemas } from '@/api/client';
import { unwrap } from '@/api/errors';
import { customerKeys } from './keys';

type ListQuery = NonNullable<ApiPaths['/deals']['get']['parameters']['query']>;
export type CustomerDeal = Schemas['DealRead'];

/** The customer's deals, newest first (GET /deals?customer_id=). */
export function useCustomerDeals(customerId: string) {
  return useInfiniteQuery({
    queryKey: customerKeys.deals(customerId),
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam, signal }) => {
      const query = { limit: 25, sort: '-created_at', cursor: pageParam ?? undefined, customer_id: customerId } as ListQuery;
      const page = unwrap(await api.GET('/deals', { signal, params: { query } }));
      return { ...page, items: page.items.filter((d): d is CustomerDeal => 'stage_id' in d) };
    },
    getNextPageParam: (last) => last.next_cursor ?? null,
  });
}
