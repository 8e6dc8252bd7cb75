import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Schemas } from '@/api/client';
import { isApiError, unwrap } from '@/api/errors';
import { publicApi } from '@/api/public-client';

export type PublicQuote = Schemas['PublicQuote'];

export const publicQuoteKey = (token: string) => ['public-quote', token] as const;

export function usePublicQuote(token: string) {
  return useQuery({
    queryKey: publicQuoteKey(token),
    queryFn: async ({ signal }) =>
      unwrap(await publicApi.GET('/public/quotes/{token}', { params: { path: { token } }, signal })),
  });
}

export function useAcceptPublicQuote(token: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (name: string) =>
      unwrap(await publicApi.POST('/public/quotes/{token}/accept', { params: { path: { token } }, body: { name } })),
    onSuccess: (q) => qc.setQueryData(publicQuoteKey(token), q),
    // 409: expired or already answered meanwhile; reload so the page shows the current state.
    onError: (e) => {
      if (isApiError(e, 409)) void qc.invalidateQueries({ queryKey: publicQuoteKey(token) });
    },
  });
}

export function useDeclinePublicQuote(token: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (reason: string) =>
      unwrap(await publicApi.POST('/public/quotes/{token}/decline', { params: { path: { token } }, body: { reason } })),
    onSuccess: (q) => qc.setQueryData(publicQuoteKey(token), q),
    // 409: expired or already answered meanwhile; reload so the page shows the current state.
    onError: (e) => {
      if (isApiError(e, 409)) void qc.invalidateQueries({ queryKey: publicQuoteKey(token) });
    },
  });
}
