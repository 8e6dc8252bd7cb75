import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { api, type ApiPaths } from '@/api/client';
import { unwrap } from '@/api/errors';
import { documentKeys } from './keys';
import type { Document, DocumentListParams } from './types';

type ListQuery = NonNullable<ApiPaths['/documents']['get']['parameters']['query']>;

/** Filters (`kind`, `deal_id`, …) are read generically by the server, so added here. */
export function documentListQuery(params: DocumentListParams, cursor: string | null): ListQuery {
  const filters: Record<string, string> = {};
  if (params.kind) filters.kind = params.kind;
  if (params.record) filters[`${params.record.type}_id`] = params.record.id;
  return {
    limit: params.limit ?? 25,
    sort: params.sort ?? '-updated_at',
    q: params.q || undefined,
    cursor: cursor ?? undefined,
    ...filters,
  } as ListQuery;
}

function isLive(item: object): item is Document {
  return 'file_name' in item;
}

/** GET /documents: keyset pages, search (also inside files) and filters. */
export function useDocuments(params: DocumentListParams) {
  return useInfiniteQuery({
    queryKey: documentKeys.list(params),
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam, signal }) => {
      const page = unwrap(await api.GET('/documents', { signal, params: { query: documentListQuery(params, pageParam) } }));
      return { ...page, items: (page.items as object[]).filter(isLive) };
    },
    getNextPageParam: (last) => last.next_cursor ?? null,
    placeholderData: keepPreviousData,
  });
}
