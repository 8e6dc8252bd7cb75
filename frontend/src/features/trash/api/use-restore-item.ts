import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { trashKeys } from './keys';

export interface TrashRef {
  record_type: string;
  id: string;
}

/** Restore a trashed record through its own resource (POST /customers/{id}/restore). */
export function useRestoreItem() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ record_type, id }: TrashRef) => {
      if (record_type !== 'customer') throw new Error(`Unsupported record type: ${record_type}`);
      return unwrap(await api.POST('/customers/{customer_id}/restore', { params: { path: { customer_id: id } } }));
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: trashKeys.all });
      // Lists of the restored resource are stale too.
      void qc.invalidateQueries({ queryKey: ['customers'] });
    },
  });
}
