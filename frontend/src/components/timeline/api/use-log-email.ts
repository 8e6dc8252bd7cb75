import { useMutation, useQueryClient } from '@tanstack/react-query';
import { uploadForm } from '@/api/upload';
import { timelineKeys } from './keys';
import type { EmailLogged, RecordType } from './types';

export interface LogEmailInput {
  file: File;
  recordType: RecordType;
  recordId: string;
  onProgress?: (fraction: number) => void;
}

/**
 * POST /interactions/emails (multipart: the .eml as `file` and the record's id): 201 logged, 200
 * with `created: false` when that Message-ID was logged before.
 */
export function useLogEmail() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ file, recordType, recordId, onProgress }: LogEmailInput) => {
      const form = new FormData();
      form.append('file', file, file.name);
      form.append(`${recordType}_id`, recordId);
      const { data } = await uploadForm<EmailLogged>('/interactions/emails', form, { onProgress });
      return data;
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: timelineKeys.all }),
  });
}
