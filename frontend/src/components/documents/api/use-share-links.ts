import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { documentKeys } from './keys';
import type { ShareLinkCreate } from './types';

/** GET /documents/{id}/share-links: every link, newest first, with status and download count. */
export function useShareLinks(id: string, enabled = true) {
  return useQuery({
    queryKey: documentKeys.shareLinks(id),
    queryFn: async ({ signal }) => unwrap(await api.GET('/documents/{document_id}/share-links', { signal, params: { path: { document_id: id } } })).items,
    enabled,
  });
}

/** POST /documents/{id}/share-links: the answer carries the token and URL, shown once. */
export function useCreateShareLink(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: ShareLinkCreate) => unwrap(await api.POST('/documents/{document_id}/share-links', { params: { path: { document_id: id } }, body })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: documentKeys.shareLinks(id) }),
  });
}

/** POST /documents/{id}/share-links/{link_id}/revoke. */
export function useRevokeShareLink(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (linkId: string) =>
      unwrap(await api.POST('/documents/{document_id}/share-links/{link_id}/revoke', { params: { path: { document_id: id, link_id: linkId } } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: documentKeys.shareLinks(id) }),
  });
}

/** GET /documents/{id}/share-links/{link_id}/downloads: who downloaded through the link (time, IP, agent). */
export function useShareDownloads(id: string, linkId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...documentKeys.shareLinks(id), linkId, 'downloads'] as const,
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/documents/{document_id}/share-links/{link_id}/downloads', {
          signal,
          params: { path: { document_id: id, link_id: linkId }, query: { limit: 50 } },
        }),
      ).items,
    enabled,
  });
}
