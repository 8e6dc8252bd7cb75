import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { leadKeys } from './keys';
import type { LeadCreate } from './types';

export function useCreateLead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: LeadCreate) => unwrap(await api.POST('/leads', { body })),
    onSuccess: (created) => {
      qc.setQueryData(leadKeys.detail(created.id), created);
      void qc.invalidateQueries({ queryKey: leadKeys.lists() });
    },
  });
}
