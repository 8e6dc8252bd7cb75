import { useQuery } from '@tanstack/react-query';
import { api, type Schemas } from '@/api/client';
import { unwrap } from '@/api/errors';

export type LostReason = Schemas['LostReasonRead'];

export const lostReasonKeys = {
  all: ['lost-reasons'] as const,
  list: () => [...lostReasonKeys.all, 'list'] as const,
};

/** Lost reasons in position order (GET /lost-reasons); screens filter to the active ones. */
export function useLostReasons(enabled = true) {
  return useQuery({
    queryKey: lostReasonKeys.list(),
    enabled,
    staleTime: 60_000,
    queryFn: async ({ signal }) => unwrap(await api.GET('/lost-reasons', { signal, params: { query: { limit: 200 } } })).items,
  });
}
