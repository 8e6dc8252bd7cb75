import createClient from 'openapi-fetch';
import type { components, paths } from './schema.gen';
import { session } from './session';

export type Schemas = components['schemas'];

export const API_BASE = '/api/v1';

/** The document's paths carry the /api/v1 prefix; the client adds it via baseUrl, so hooks write '/customers'. */
type StripBase<P> = { [K in keyof P as K extends `${typeof API_BASE}${infer R}` ? R : K]: P[K] };
export type ApiPaths = StripBase<paths>;

function baseUrl(): string {
  // Absolute so that Request() works in every environment (browser, jsdom tests).
  const origin = typeof window !== 'undefined' && window.location?.origin ? window.location.origin : 'http://localhost';
  return new URL(API_BASE, origin).href;
}

/** The absolute URL of an API path ("/stream" -> "http://host/api/v1/stream"). */
export function apiUrl(path: string): string {
  return `${baseUrl()}${path}`;
}

let refreshing: Promise<boolean> | null = null;

/** Exchange the stored refresh token for a new pair (rotation: store both). One flight at a time. */
export function refreshSession(): Promise<boolean> {
  if (refreshing) return refreshing;
  const pair = session.get();
  if (!pair) return Promise.resolve(false);
  refreshing = (async () => {
    try {
      const res = await globalThis.fetch(`${baseUrl()}/auth/refresh`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ refresh_token: pair.refresh_token }),
      });
      if (!res.ok) return false;
      const body = (await res.json()) as Schemas['TokenPair'];
      session.set(body);
      return true;
    } catch {
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

function withAuth(request: Request): Request {
  const token = session.get()?.access_token;
  if (!token) return request;
  const headers = new Headers(request.headers);
  headers.set('Authorization', `Bearer ${token}`);
  return new Request(request, { headers });
}

const AUTH_PATHS = ['/auth/token', '/auth/refresh', '/auth/logout'];

/** fetch with bearer auth; on a 401 try ONE refresh, then retry once; else log out. */
async function authFetch(request: Request): Promise<Response> {
  const isAuthCall = AUTH_PATHS.some((p) => new URL(request.url).pathname.endsWith(p));
  const retry = request.clone();
  const response = await globalThis.fetch(withAuth(request));
  if (response.status !== 401 || isAuthCall || !session.get()) return response;
  const usedToken = session.get()?.access_token;
  // Another request may already have refreshed while this one was in flight.
  const refreshed = (await refreshSession()) || session.get()?.access_token !== usedToken;
  if (!refreshed) {
    session.clear(); // the auth guard sends the user to /login
    return response;
  }
  const second = await globalThis.fetch(withAuth(retry));
  if (second.status === 401) session.clear();
  return second;
}

/**
 * An authenticated request outside the typed client, for what openapi-fetch cannot read (the
 * event stream): the same bearer token, one refresh on a 401, logout when that fails.
 */
export function apiFetch(path: string, init?: RequestInit): Promise<Response> {
  return authFetch(new Request(apiUrl(path), init));
}

export const api = createClient<ApiPaths>({
  baseUrl: baseUrl(),
  fetch: authFetch,
  headers: { Accept: 'application/json' },
});
