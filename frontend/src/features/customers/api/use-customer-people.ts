import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { customerKeys } from './keys';
import { isLiveCustomer } from './types';

/** People employed by a company (GET /customers/{id}/people). */
export function useCustomerPeople(id: string, enabled = true) {
  return useInfiniteQuery({
    queryKey: customerKeys.people(id),
    enabled,
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam, signal }) => {
      const page = unwrap(
        await api.GET('/customers/{customer_id}/people', {
          signal,
          params: { path: { customer_id: id }, query: { limit: 50, cursor: pageParam ?? undefined } },
        }),
      );
      return { ...page, items: page.items.filter(isLiveCustomer) };
    },
    getNextPageParam: (last) => last.next_cursor ?? null,
  });
}
