import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { customerKeys } from './keys';

export function useCustomer(id: string, enabled = true) {
  return useQuery({
    queryKey: customerKeys.detail(id),
    enabled: enabled && Boolean(id),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/customers/{customer_id}', { signal, params: { path: { customer_id: id } } })),
  });
}
