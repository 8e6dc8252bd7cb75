import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { dealKeys } from './keys';

/** Every quote version of a deal, newest first. */
export function useQuotes(dealId: string) {
  return useQuery({
    queryKey: dealKeys.quotes(dealId),
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/deals/{deal_id}/quotes', {
          signal,
          params: { path: { deal_id: dealId }, query: { limit: 100, sort: '-created_at' } },
        }),
      ).items,
  });
}
