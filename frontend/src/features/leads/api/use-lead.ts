import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { leadKeys } from './keys';

export function useLead(id: string, enabled = true) {
  return useQuery({
    queryKey: leadKeys.detail(id),
    enabled: enabled && Boolean(id),
    queryFn: async ({ signal }) => unwrap(await api.GET('/leads/{lead_id}', { signal, params: { path: { lead_id: id } } })),
  });
}
