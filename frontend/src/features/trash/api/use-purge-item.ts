import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { trashKeys } from './keys';
import type { TrashRef } from './use-restore-item';

/** Admin only: DELETE /trash/{record_type}/{id} removes the record for good. */
export function usePurgeItem() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ record_type, id }: TrashRef) => {
      unwrap(await api.DELETE('/trash/{record_type}/{record_id}', { params: { path: { record_type, record_id: id } } }));
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: trashKeys.all }),
  });
}
