import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { settingsKeys } from './keys';

/** GET /exchange-rates: the base currency and the rates (1 unit = rate units of the base). */
export function useExchangeRates() {
  return useQuery({
    queryKey: settingsKeys.exchangeRates(),
    queryFn: async ({ signal }) => unwrap(await api.GET('/exchange-rates', { signal, params: { query: { limit: 200 } } })),
  });
}
