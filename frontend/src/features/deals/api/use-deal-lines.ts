import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { dealKeys } from './keys';

/** GET /deals/{id}/lines: the lines with server-computed net, tax and totals (decimal strings). */
export function useDealLines(dealId: string) {
  return useQuery({
    queryKey: dealKeys.lines(dealId),
    queryFn: async ({ signal }) => unwrap(await api.GET('/deals/{deal_id}/lines', { signal, params: { path: { deal_id: dealId } } })),
  });
}
