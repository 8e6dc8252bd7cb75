import { useMutation, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/api/client';
import { ApiError } from '@/api/errors';
import { documentKeys } from './keys';

function contentPath(id: string, version?: number): string {
  const doc = encodeURIComponent(id);
  return version ? `/documents/${doc}/versions/${version}/content` : `/documents/${doc}/content`;
}

/** The bytes of a document (the current version, or `version`) as a Blob, with the bearer token. */
export async function fetchDocumentBlob(id: string, { version, inline = false, signal }: { version?: number; inline?: boolean; signal?: AbortSignal } = {}): Promise<Blob> {
  const res = await apiFetch(`${contentPath(id, version)}${inline ? '?inline=true' : ''}`, { signal, headers: { Accept: '*/*' } });
  if (!res.ok) {
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      body = undefined;
    }
    throw new ApiError(res.status, body);
  }
  return res.blob();
}

/** The content for the preview (cached per document version). */
export function useDocumentContent(id: string, version: number, enabled: boolean) {
  return useQuery({
    queryKey: documentKeys.content(id, version),
    queryFn: ({ signal }) => fetchDocumentBlob(id, { version, inline: true, signal }),
    enabled,
    staleTime: 5 * 60_000,
    gcTime: 60_000,
  });
}

/** Save a Blob under a file name through a temporary <a download>. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Download a document version (fetched with the token, then saved as a file). */
export function useDownloadDocument() {
  return useMutation({
    mutationFn: async ({ id, version, fileName }: { id: string; version?: number; fileName: string }) => {
      saveBlob(await fetchDocumentBlob(id, { version }), fileName);
    },
  });
}
