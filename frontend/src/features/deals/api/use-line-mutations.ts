import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { dealKeys } from './keys';
import type { DealLineCreate, DealLineUpdate } from './types';

/** A deal with lines takes its amount from them: refresh the deal, lines, lists and boards. */
function useRefreshDeal() {
  const qc = useQueryClient();
  return (dealId: string) => {
    void qc.invalidateQueries({ queryKey: dealKeys.detail(dealId) });
    void qc.invalidateQueries({ queryKey: dealKeys.lists() });
    void qc.invalidateQueries({ queryKey: dealKeys.boards() });
  };
}

export function useCreateLine() {
  const refresh = useRefreshDeal();
  return useMutation({
    mutationFn: async ({ dealId, body }: { dealId: string; body: DealLineCreate }) =>
      unwrap(await api.POST('/deals/{deal_id}/lines', { params: { path: { deal_id: dealId } }, body })),
    onSuccess: (_l, { dealId }) => refresh(dealId),
  });
}

/** PATCH a line with If-Match; a stale version answers 412. */
export function useUpdateLine() {
  const refresh = useRefreshDeal();
  return useMutation({
    mutationFn: async ({ dealId, lineId, version, changes }: { dealId: string; lineId: string; version: number; changes: DealLineUpdate }) =>
      unwrap(
        await api.PATCH('/deals/{deal_id}/lines/{line_id}', {
          params: { path: { deal_id: dealId, line_id: lineId }, header: { 'if-match': `"${version}"` } },
          body: changes,
        }),
      ),
    onSuccess: (_l, { dealId }) => refresh(dealId),
  });
}

export function useDeleteLine() {
  const refresh = useRefreshDeal();
  return useMutation({
    mutationFn: async ({ dealId, lineId, version }: { dealId: string; lineId: string; version: number }) => {
      unwrap(
        await api.DELETE('/deals/{deal_id}/lines/{line_id}', {
          params: { path: { deal_id: dealId, line_id: lineId }, header: { 'if-match': `"${version}"` } },
        }),
      );
    },
    onSuccess: (_r, { dealId }) => refresh(dealId),
  });
}
