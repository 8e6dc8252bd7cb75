import { useMutation, useQueryClient } from '@tanstack/react-query';
import { uploadForm } from '@/api/upload';
import { documentKeys } from './keys';
import type { Document, DocumentKind, DocumentRecord } from './types';

export interface UploadDocumentInput {
  file: File;
  record: DocumentRecord;
  kind?: DocumentKind;
  onProgress?: (fraction: number) => void;
}

/** POST /documents (multipart, with upload progress), linked to the record it was dropped on. */
export function useUploadDocument() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ file, record, kind, onProgress }: UploadDocumentInput) => {
      const form = new FormData();
      form.append('file', file, file.name);
      form.append(`${record.type}_id`, record.id);
      if (kind) form.append('kind', kind);
      const { data } = await uploadForm<Document>('/documents', form, { onProgress });
      return data;
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: documentKeys.lists() }),
  });
}
