import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { customerKeys } from './keys';

export function useDeleteCustomer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      unwrap(await api.DELETE('/customers/{customer_id}', { params: { path: { customer_id: id } } }));
      return id;
    },
    onSuccess: (id) => {
      qc.removeQueries({ queryKey: customerKeys.detail(id) });
      void qc.invalidateQueries({ queryKey: customerKeys.lists() });
      void qc.invalidateQueries({ queryKey: ['trash'] });
    },
  });
}
