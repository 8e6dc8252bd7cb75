import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { timelineKeys } from './keys';
import type { RecordType, TimelinePage } from './types';

const PAGE = 30;

async function fetchPage(recordType: RecordType, recordId: string, kinds: string, cursor: string | null, signal: AbortSignal): Promise<TimelinePage> {
  const query = { limit: PAGE, cursor: cursor ?? undefined, kind: kinds || undefined };
  switch (recordType) {
    case 'customer':
      return unwrap(await api.GET('/customers/{customer_id}/timeline', { signal, params: { path: { customer_id: recordId }, query } }));
    case 'lead':
      return unwrap(await api.GET('/leads/{lead_id}/timeline', { signal, params: { path: { lead_id: recordId }, query } }));
    case 'deal':
      return unwrap(await api.GET('/deals/{deal_id}/timeline', { signal, params: { path: { deal_id: recordId }, query } }));
  }
}

/** A record's merged stream, newest first (GET /<records>/{id}/timeline); `kinds` is a comma list or '' for all. */
export function useTimeline(recordType: RecordType, recordId: string, kinds: string) {
  return useInfiniteQuery({
    queryKey: timelineKeys.list(recordType, recordId, kinds),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => fetchPage(recordType, recordId, kinds, pageParam, signal),
    getNextPageParam: (last) => last.next_cursor ?? null,
  });
}
