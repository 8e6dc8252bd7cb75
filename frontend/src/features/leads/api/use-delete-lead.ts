import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { leadKeys } from './keys';

/** Soft delete (to the trash); the undo notice restores it. */
export function useDeleteLead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, version }: { id: string; version: number }) => {
      unwrap(await api.DELETE('/leads/{lead_id}', { params: { path: { lead_id: id }, header: { 'if-match': `"${version}"` } } }));
      return id;
    },
    onSuccess: (id) => {
      qc.removeQueries({ queryKey: leadKeys.detail(id) });
      void qc.invalidateQueries({ queryKey: leadKeys.lists() });
      void qc.invalidateQueries({ queryKey: ['trash'] });
    },
  });
}
