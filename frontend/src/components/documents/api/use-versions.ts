import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { uploadForm } from '@/api/upload';
import { documentKeys } from './keys';
import type { DocumentVersion } from './types';

/** GET /documents/{id}/versions, newest first. */
export function useDocumentVersions(id: string) {
  return useQuery({
    queryKey: documentKeys.versions(id),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/documents/{document_id}/versions', { signal, params: { path: { document_id: id }, query: { limit: 100 } } })).items,
  });
}

export interface AddVersionInput {
  file: File;
  note?: string;
  onProgress?: (fraction: number) => void;
}

/** POST /documents/{id}/versions (multipart with progress): the new file becomes the current one. */
export function useAddVersion(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ file, note, onProgress }: AddVersionInput) => {
      const form = new FormData();
      form.append('file', file, file.name);
      if (note) form.append('note', note);
      const { data } = await uploadForm<DocumentVersion>(`/documents/${encodeURIComponent(id)}/versions`, form, { onProgress });
      return data;
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: documentKeys.detail(id) });
      void qc.invalidateQueries({ queryKey: documentKeys.lists() });
    },
  });
}
