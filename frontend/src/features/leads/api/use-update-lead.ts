import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { leadKeys } from './keys';
import type { LeadUpdate } from './types';

export interface UpdateLeadInput {
  id: string;
  version: number;
  changes: LeadUpdate;
}

/** PATCH with If-Match: "<version>"; a stale version answers 412 (surfaced as ApiError). */
export function useUpdateLead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, version, changes }: UpdateLeadInput) =>
      unwrap(
        await api.PATCH('/leads/{lead_id}', {
          params: { path: { lead_id: id }, header: { 'if-match': `"${version}"` } },
          body: changes,
        }),
      ),
    onSuccess: (updated) => {
      qc.setQueryData(leadKeys.detail(updated.id), updated);
      void qc.invalidateQueries({ queryKey: leadKeys.history(updated.id) });
      void qc.invalidateQueries({ queryKey: leadKeys.lists() });
    },
  });
}
