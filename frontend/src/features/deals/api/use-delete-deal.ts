import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { dealKeys } from './keys';

export function useDeleteDeal() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      unwrap(await api.DELETE('/deals/{deal_id}', { params: { path: { deal_id: id } } }));
      return id;
    },
    onSuccess: (id) => {
      qc.removeQueries({ queryKey: dealKeys.detail(id) });
      void qc.invalidateQueries({ queryKey: dealKeys.lists() });
      void qc.invalidateQueries({ queryKey: dealKeys.boards() });
      void qc.invalidateQueries({ queryKey: ['trash'] });
    },
  });
}
