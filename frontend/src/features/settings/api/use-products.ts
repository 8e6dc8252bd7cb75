import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { settingsKeys } from './keys';
import type { Product } from './types';

/** The product catalogue (GET /products, by name), live records only. */
export function useProducts() {
  return useInfiniteQuery({
    queryKey: settingsKeys.productList(),
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam, signal }) => {
      const page = unwrap(await api.GET('/products', { signal, params: { query: { limit: 100, sort: 'name', cursor: pageParam ?? undefined } } }));
      return { ...page, items: page.items.filter((p): p is Product => 'prices' in p) };
    },
    getNextPageParam: (last) => last.next_cursor ?? null,
  });
}
