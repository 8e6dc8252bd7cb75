import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { documentKeys } from './keys';

/** GET /documents/{id}. */
export function useDocument(id: string | null) {
  return useQuery({
    queryKey: documentKeys.detail(id ?? ''),
    queryFn: async ({ signal }) => unwrap(await api.GET('/documents/{document_id}', { signal, params: { path: { document_id: id ?? '' } } })),
    enabled: Boolean(id),
  });
}
