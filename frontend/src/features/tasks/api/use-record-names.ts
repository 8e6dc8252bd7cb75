import { useQueries } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { taskKeys } from './keys';
import type { RecordRef } from './types';

const MAX = 50;

async function fetchName(ref: RecordRef, signal: AbortSignal) {
  switch (ref.type) {
    case 'customer':
      return unwrap(await api.GET('/customers/{customer_id}', { signal, params: { path: { customer_id: ref.id } } }));
    case 'lead':
      return unwrap(await api.GET('/leads/{lead_id}', { signal, params: { path: { lead_id: ref.id } } }));
    case 'deal':
      return unwrap(await api.GET('/deals/{deal_id}', { signal, params: { path: { deal_id: ref.id } } }));
  }
}

/**
 * Names of the records tasks are attached to. Tasks carry only record_type/record_id, so each
 * distinct record is read once (the same query keys as the record pages, so it is shared cache).
 */
export function useRecordNames(refs: readonly RecordRef[]): Map<string, string> {
  const distinct = [...new Map(refs.map((r) => [`${r.type}:${r.id}`, r])).values()].slice(0, MAX);
  const results = useQueries({
    queries: distinct.map((ref) => ({
      queryKey: taskKeys.record(ref),
      staleTime: 5 * 60_000,
      retry: false,
      queryFn: ({ signal }: { signal: AbortSignal }) => fetchName(ref, signal),
    })),
  });
  const names = new Map<string, string>();
  results.forEach((r, i) => {
    const ref = distinct[i];
    if (ref && r.data && 'name' in r.data) names.set(ref.id, r.data.name);
  });
  return names;
}
