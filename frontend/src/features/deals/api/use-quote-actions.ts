import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { dealKeys } from './keys';
import type { Quote } from './types';

function useInvalidateQuotes() {
  const qc = useQueryClient();
  return (dealId: string) => {
    void qc.invalidateQueries({ queryKey: dealKeys.quotes(dealId) });
    void qc.invalidateQueries({ queryKey: dealKeys.history(dealId) });
  };
}

/** POST /deals/{id}/quotes: a draft from the deal's current lines. */
export function useCreateQuote() {
  const done = useInvalidateQuotes();
  return useMutation({
    mutationFn: async ({ dealId, validUntil, notes }: { dealId: string; validUntil?: string; notes?: string }) =>
      unwrap(
        await api.POST('/deals/{deal_id}/quotes', {
          params: { path: { deal_id: dealId } },
          body: { valid_until: validUntil || undefined, notes: notes || undefined },
        }),
      ),
    onSuccess: (q) => done(q.deal_id),
  });
}

const ifMatch = (q: Quote) => ({ 'if-match': `"${q.version}"` });

export function useReviseQuote() {
  const done = useInvalidateQuotes();
  return useMutation({
    mutationFn: async (q: Quote) =>
      unwrap(await api.POST('/quotes/{quote_id}/revise', { params: { path: { quote_id: q.id }, header: ifMatch(q) }, body: {} })),
    onSuccess: (q) => done(q.deal_id),
  });
}

export function useSubmitQuote() {
  const done = useInvalidateQuotes();
  return useMutation({
    mutationFn: async (q: Quote) =>
      unwrap(await api.POST('/quotes/{quote_id}/submit', { params: { path: { quote_id: q.id }, header: ifMatch(q) } })),
    onSuccess: (q) => done(q.deal_id),
  });
}

export function useDecideQuote() {
  const done = useInvalidateQuotes();
  return useMutation({
    mutationFn: async ({ quote, decision, comment }: { quote: Quote; decision: 'approve' | 'reject'; comment: string }) => {
      const init = { params: { path: { quote_id: quote.id }, header: ifMatch(quote) }, body: { comment: comment || undefined } };
      return unwrap(
        decision === 'approve' ? await api.POST('/quotes/{quote_id}/approve', init) : await api.POST('/quotes/{quote_id}/reject', init),
      );
    },
    onSuccess: (q) => done(q.deal_id),
  });
}

/** POST /quotes/{id}/send -> the public link (shown once here; revoke to invalidate it). */
export function useSendQuote() {
  const done = useInvalidateQuotes();
  return useMutation({
    mutationFn: async (q: Quote) =>
      unwrap(await api.POST('/quotes/{quote_id}/send', { params: { path: { quote_id: q.id }, header: ifMatch(q) } })),
    onSuccess: (r) => done(r.quote.deal_id),
  });
}

export function useRevokeQuoteLink() {
  const done = useInvalidateQuotes();
  return useMutation({
    mutationFn: async (q: Quote) =>
      unwrap(await api.POST('/quotes/{quote_id}/revoke-link', { params: { path: { quote_id: q.id } } })),
    onSuccess: (q) => done(q.deal_id),
  });
}

/** GET /quotes/{id}/pdf through the authenticated client, handed to the browser as a download. */
export function useDownloadQuotePdf() {
  return useMutation({
    mutationFn: async (q: Quote) => {
      const blob = unwrap(
        await api.GET('/quotes/{quote_id}/pdf', { params: { path: { quote_id: q.id } }, parseAs: 'blob', headers: { Accept: 'application/pdf' } }),
      ) as unknown as Blob;
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `${q.number}-v${q.revision}.pdf`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
  });
}
