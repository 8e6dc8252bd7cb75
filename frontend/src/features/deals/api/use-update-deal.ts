import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { dealKeys } from './keys';
import type { DealUpdate } from './types';

export interface UpdateDealInput {
  id: string;
  version: number;
  changes: DealUpdate;
}

/** PATCH with If-Match: "<version>"; a stale version answers 412. */
export function useUpdateDeal() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, version, changes }: UpdateDealInput) =>
      unwrap(
        await api.PATCH('/deals/{deal_id}', {
          params: { path: { deal_id: id }, header: { 'if-match': `"${version}"` } },
          body: changes,
        }),
      ),
    onSuccess: (updated) => {
      qc.setQueryData(dealKeys.detail(updated.id), updated);
      void qc.invalidateQueries({ queryKey: dealKeys.history(updated.id) });
      void qc.invalidateQueries({ queryKey: dealKeys.stageHistory(updated.id) });
      void qc.invalidateQueries({ queryKey: dealKeys.lists() });
      void qc.invalidateQueries({ queryKey: dealKeys.boards() });
    },
  });
}
