import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { trashKeys } from './keys';

export interface TrashRef {
  record_type: string;
  id: string;
}

/** Restore a trashed record through its own resource (POST /<resource>/{id}/restore). */
export function useRestoreItem() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ record_type, id }: TrashRef) => {
      if (record_type === 'customer')
        return unwrap(await api.POST('/customers/{customer_id}/restore', { params: { path: { customer_id: id } } }));
      if (record_type === 'deal') return unwrap(await api.POST('/deals/{deal_id}/restore', { params: { path: { deal_id: id } } }));
      if (record_type === 'product')
        return unwrap(await api.POST('/products/{product_id}/restore', { params: { path: { product_id: id } } }));
      throw new Error(`Unsupported record type: ${record_type}`);
    },
    onSuccess: (_r, { record_type }) => {
      void qc.invalidateQueries({ queryKey: trashKeys.all });
      // Lists of the restored resource are stale too.
      void qc.invalidateQueries({ queryKey: [record_type === 'customer' ? 'customers' : record_type === 'deal' ? 'deals' : 'products'] });
    },
  });
}
