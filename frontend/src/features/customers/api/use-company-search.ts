import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { customerKeys } from './keys';
import { isLiveCustomer } from './types';
import { customerListQuery } from './use-customers';

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
          // With q the server ranks by relevance; without it, alphabetical.
          params: { query: customerListQuery({ type: 'company', q, sort: q ? undefined : 'name', limit: 20 }, null) },
        }),
      ).items.filter(isLiveCustomer),
  });
}
