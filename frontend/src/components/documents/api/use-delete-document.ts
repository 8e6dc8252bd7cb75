import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { documentKeys } from './keys';

/** DELETE /documents/{id} (to the trash) with If-Match. */
export function useDeleteDocument() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, version }: { id: string; version: number }) => {
      unwrap(await api.DELETE('/documents/{document_id}', { params: { path: { document_id: id }, header: { 'if-match': `"${version}"` } } }));
      return id;
    },
    onSuccess: (id) => {
      qc.removeQueries({ queryKey: documentKeys.detail(id) });
      void qc.invalidateQueries({ queryKey: documentKeys.lists() });
    },
  });
}

/** POST /documents/{id}/restore (undo of a delete). */
export function useRestoreDocument() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => unwrap(await api.POST('/documents/{document_id}/restore', { params: { path: { document_id: id } } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: documentKeys.all }),
  });
}
