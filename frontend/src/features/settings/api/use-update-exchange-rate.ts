import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { settingsKeys } from './keys';
import type { ExchangeRateUpdate } from './types';

export interface UpdateExchangeRateInput {
  id: string;
  version: number;
  changes: ExchangeRateUpdate;
}

/** PATCH /exchange-rates/{id} (rate as a decimal string, valid_from) with If-Match; stale -> 412. */
export function useUpdateExchangeRate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, version, changes }: UpdateExchangeRateInput) =>
      unwrap(
        await api.PATCH('/exchange-rates/{rate_id}', {
          params: { path: { rate_id: id }, header: { 'if-match': `"${version}"` } },
          body: changes,
        }),
      ),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: settingsKeys.exchangeRates() });
      void qc.invalidateQueries({ queryKey: settingsKeys.dealBoards() });
    },
  });
}
