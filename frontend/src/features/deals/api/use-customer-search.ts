import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type ApiPaths } from '@/api/client';
import { unwrap } from '@/api/errors';
import { dealKeys } from './keys';
import type { Customer } from './types';

type ListQuery = NonNullable<ApiPaths['/customers']['get']['parameters']['query']>;

/** Customers matching q for the deal's customer picker (GET /customers?q=). */
export function useCustomerSearch(q: string, enabled = true) {
  return useQuery({
    queryKey: dealKeys.customerSearch(q),
    enabled,
    placeholderData: keepPreviousData,
    queryFn: async ({ signal }) => {
      const query: ListQuery = { limit: 20, q: q || undefined, sort: q ? undefined : 'name' };
      const page = unwrap(await api.GET('/customers', { signal, params: { query } }));
      return page.items.filter((c): c is Customer => 'type' in c);
    },
  });
}

/** One customer (for showing the current pick's name). */
export function useCustomerName(id: string | null | undefined, enabled = true) {
  return useQuery({
    queryKey: dealKeys.customer(id ?? ''),
    enabled: enabled && Boolean(id),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/customers/{customer_id}', { signal, params: { path: { customer_id: id ?? '' } } })),
  });
}
