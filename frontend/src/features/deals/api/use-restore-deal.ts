import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { dealKeys } from './keys';

/** POST /deals/{id}/restore: bring a deal back from the trash (the Undo of a delete). */
export function useRestoreDeal() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => unwrap(await api.POST('/deals/{deal_id}/restore', { params: { path: { deal_id: id } } })),
    onSuccess: (restored) => {
      qc.setQueryData(dealKeys.detail(restored.id), restored);
      void qc.invalidateQueries({ queryKey: dealKeys.lists() });
      void qc.invalidateQueries({ queryKey: dealKeys.boards() });
      void qc.invalidateQueries({ queryKey: ['trash'] });
    },
  });
}
