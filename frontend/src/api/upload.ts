import { apiUrl, refreshSession } from './client';
import { ApiError } from './errors';
import { session } from './session';

export interface UploadOptions {
  /** Called with the fraction sent so far (0..1). */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

export interface UploadResult<T> {
  status: number;
  data: T;
}

interface Raw {
  status: number;
  body: unknown;
}

function send(path: string, form: FormData, { onProgress, signal }: UploadOptions): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', apiUrl(path));
    xhr.setRequestHeader('Accept', 'application/json');
    const token = session.get()?.access_token;
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    if (onProgress && xhr.upload) {
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
      };
    }
    xhr.onload = () => {
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        body = undefined;
      }
      resolve({ status: xhr.status, body });
    };
    // A TypeError reads as "could not reach the server" (ProblemAlert).
    xhr.onerror = () => reject(new TypeError('Network request failed'));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

/**
 * POST a multipart form with upload progress (fetch cannot report it), with the same auth rules as
 * the typed client: bearer token, one refresh on a 401, logout when that fails. Non-2xx answers
 * throw an ApiError carrying the problem details.
 */
export async function uploadForm<T>(path: string, form: FormData, options: UploadOptions = {}): Promise<UploadResult<T>> {
  const usedToken = session.get()?.access_token;
  let res = await send(path, form, options);
  if (res.status === 401 && session.get()) {
    const refreshed = (await refreshSession()) || session.get()?.access_token !== usedToken;
    if (!refreshed) {
      session.clear();
      throw new ApiError(401, res.body);
    }
    res = await send(path, form, options);
    if (res.status === 401) session.clear();
  }
  if (res.status < 200 || res.status >= 300) throw new ApiError(res.status, res.body);
  options.onProgress?.(1);
  return { status: res.status, data: res.body as T };
}
