import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { timelineKeys } from './keys';
import type { RecordType } from './types';

export interface CreateCommentInput {
  recordType: RecordType;
  recordId: string;
  body: string;
  mentions: string[];
}

/** POST /comments; each mentioned user must be able to see the record (else 422 at body.mentions[i]). */
export function useCreateComment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ recordType, recordId, body, mentions }: CreateCommentInput) =>
      unwrap(await api.POST('/comments', { body: { record_type: recordType, record_id: recordId, body, mentions } })),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: timelineKeys.all });
      void qc.invalidateQueries({ queryKey: ['comments'] });
    },
  });
}
