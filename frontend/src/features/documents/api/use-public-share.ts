import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, unwrap } from '@/api/errors';
import { publicApi } from '@/api/public-client';

export const publicShareKey = (token: string) => ['public-share', token] as const;

/** GET /public/shares/{token} (no login): what the link gives. 404 unknown, 410 expired/revoked/used up. */
export function usePublicShare(token: string) {
  return useQuery({
    queryKey: publicShareKey(token),
    queryFn: async ({ signal }) => unwrap(await publicApi.GET('/public/shares/{token}', { params: { path: { token } }, signal })),
    retry: false,
  });
}

/**
 * Download through the link and save the file: GET without a password, else POST it as a form
 * field. 403 wrong password, 410 gone meanwhile: thrown as ApiError with the server's details.
 */
export function usePublicDownload(token: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ password, fileName }: { password?: string; fileName: string }) => {
      const path = { token };
      let result;
      if (password !== undefined) {
        const form = new FormData();
        form.append('password', password);
        result = await publicApi.POST('/public/shares/{token}/content', {
          params: { path },
          body: form as never,
          bodySerializer: (b: unknown) => b as FormData,
          parseAs: 'blob',
          headers: { Accept: '*/*' },
        });
      } else {
        result = await publicApi.GET('/public/shares/{token}/content', { params: { path }, parseAs: 'blob', headers: { Accept: '*/*' } });
      }
      if (!result.response.ok) throw new ApiError(result.response.status, await problemBody(result.error));
      saveBlob(result.data as unknown as Blob, fileName);
    },
    onSettled: () => void qc.invalidateQueries({ queryKey: publicShareKey(token) }),
  });
}

async function problemBody(error: unknown): Promise<unknown> {
  if (!(error instanceof Blob)) return error;
  try {
    return JSON.parse(await error.text());
  } catch {
    return undefined;
  }
}

function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
