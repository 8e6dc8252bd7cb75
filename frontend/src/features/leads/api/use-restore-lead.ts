import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { leadKeys } from './keys';

export function useRestoreLead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => unwrap(await api.POST('/leads/{lead_id}/restore', { params: { path: { lead_id: id } } })),
    onSuccess: (restored) => {
      qc.setQueryData(leadKeys.detail(restored.id), restored);
      void qc.invalidateQueries({ queryKey: leadKeys.lists() });
      void qc.invalidateQueries({ queryKey: ['trash'] });
    },
  });
}
