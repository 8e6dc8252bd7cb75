import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { dealKeys } from './keys';
import type { Product } from './types';

/** Active products matching q, for the line item picker (GET /products?q=). */
export function useProductSearch(q: string, enabled = true) {
  return useQuery({
    queryKey: dealKeys.productSearch(q),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    queryFn: async ({ signal }) => {
      const page = unwrap(await api.GET('/products', { signal, params: { query: { limit: 30, q: q || undefined, sort: q ? undefined : 'name' } } }));
      return page.items.filter((p): p is Product => 'prices' in p && p.active);
    },
  });
}
