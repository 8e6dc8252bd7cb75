import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { customerKeys } from './keys';
import type { CustomerCreate } from './types';

export function useCreateCustomer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: CustomerCreate) => unwrap(await api.POST('/customers', { body })),
    onSuccess: (created) => {
      qc.setQueryData(customerKeys.detail(created.id), created);
      void qc.invalidateQueries({ queryKey: customerKeys.lists() });
      if (created.company_id) void qc.invalidateQueries({ queryKey: customerKeys.people(created.company_id) });
    },
  });
}
