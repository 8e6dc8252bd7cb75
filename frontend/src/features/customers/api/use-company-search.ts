import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { customerKeys } from './keys';

/** Companies matching q, for the employer picker. */
export function useCompanySearch(q: string, enabled = true) {
  return useQuery({
    queryKey: customerKeys.companySearch(q),
    enabled,
    placeholderData: keepPreviousData,
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/customers', {
          signal,
          params: { query: { type: 'company', q: q || undefined, sort: 'name', limit: 20 } },
        }),
      ).items,
  });
}
