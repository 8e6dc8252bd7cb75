import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { customerKeys } from './keys';

export function useRestoreCustomer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api.POST('/customers/{customer_id}/restore', { params: { path: { customer_id: id } } })),
    onSuccess: (restored) => {
      qc.setQueryData(customerKeys.detail(restored.id), restored);
      void qc.invalidateQueries({ queryKey: customerKeys.lists() });
      void qc.invalidateQueries({ queryKey: ['trash'] });
    },
  });
}
