import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { isApiError, unwrap } from '@/api/errors';
import { leadKeys } from './keys';
import type { LeadConvert } from './types';

/** POST /leads/{id}/convert: company + person (+ deal) in one step; a second conversion is a 409. */
export function useConvertLead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, body }: { id: string; body: LeadConvert }) =>
      unwrap(await api.POST('/leads/{lead_id}/convert', { params: { path: { lead_id: id } }, body })),
    onSuccess: (result) => {
      qc.setQueryData(leadKeys.detail(result.lead.id), result.lead);
      void qc.invalidateQueries({ queryKey: leadKeys.history(result.lead.id) });
      void qc.invalidateQueries({ queryKey: leadKeys.lists() });
      // New or linked customers and a new deal show up in their lists.
      void qc.invalidateQueries({ queryKey: ['customers'] });
      void qc.invalidateQueries({ queryKey: ['deals'] });
    },
    onError: (e, { id }) => {
      // Converted meanwhile (another tab, a colleague): show the lead as it is now.
      if (isApiError(e, 409)) void qc.invalidateQueries({ queryKey: leadKeys.detail(id) });
    },
  });
}
