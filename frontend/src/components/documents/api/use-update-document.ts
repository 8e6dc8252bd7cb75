import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { documentKeys } from './keys';
import type { DocumentUpdate } from './types';

export interface UpdateDocumentInput {
  id: string;
  version: number;
  changes: DocumentUpdate;
}

/** PATCH /documents/{id} with If-Match: "<version>"; a stale version answers 412. */
export function useUpdateDocument() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, version, changes }: UpdateDocumentInput) =>
      unwrap(
        await api.PATCH('/documents/{document_id}', {
          params: { path: { document_id: id }, header: { 'if-match': `"${version}"` } },
          body: changes,
        }),
      ),
    onSuccess: (updated) => {
      qc.setQueryData(documentKeys.detail(updated.id), updated);
      void qc.invalidateQueries({ queryKey: documentKeys.lists() });
    },
  });
}
