import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { dealKeys } from './keys';

export function useDeal(id: string, enabled = true) {
  return useQuery({
    queryKey: dealKeys.detail(id),
    enabled: enabled && Boolean(id),
    queryFn: async ({ signal }) => unwrap(await api.GET('/deals/{deal_id}', { signal, params: { path: { deal_id: id } } })),
  });
}
