import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { settingsKeys } from './keys';
import type { ExchangeRateCreate } from './types';

export function useCreateExchangeRate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: ExchangeRateCreate) => unwrap(await api.POST('/exchange-rates', { body })),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: settingsKeys.exchangeRates() });
      void qc.invalidateQueries({ queryKey: settingsKeys.dealBoards() });
    },
  });
}
