import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { dealKeys } from './keys';
import type { DealCreate } from './types';

export function useCreateDeal() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: DealCreate) => unwrap(await api.POST('/deals', { body })),
    onSuccess: (created) => {
      qc.setQueryData(dealKeys.detail(created.id), created);
      void qc.invalidateQueries({ queryKey: dealKeys.lists() });
      void qc.invalidateQueries({ queryKey: dealKeys.boards() });
    },
  });
}
