import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { settingsKeys } from './keys';

export function useDeleteExchangeRate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      unwrap(await api.DELETE('/exchange-rates/{rate_id}', { params: { path: { rate_id: id } } }));
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: settingsKeys.exchangeRates() });
      void qc.invalidateQueries({ queryKey: settingsKeys.dealBoards() });
    },
  });
}
