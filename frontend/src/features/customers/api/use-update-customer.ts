import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { customerKeys } from './keys';
import type { CustomerUpdate } from './types';

export interface UpdateCustomerInput {
  id: string;
  version: number;
  changes: CustomerUpdate;
}

/** PATCH with If-Match: "<version>"; a stale version answers 412 (surfaced as ApiError). */
export function useUpdateCustomer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, version, changes }: UpdateCustomerInput) =>
      unwrap(
        await api.PATCH('/customers/{customer_id}', {
          params: { path: { customer_id: id }, header: { 'if-match': `"${version}"` } },
          body: changes,
        }),
      ),
    onSuccess: (updated) => {
      qc.setQueryData(customerKeys.detail(updated.id), updated);
      void qc.invalidateQueries({ queryKey: customerKeys.history(updated.id) });
      void qc.invalidateQueries({ queryKey: customerKeys.lists() });
    },
  });
}
