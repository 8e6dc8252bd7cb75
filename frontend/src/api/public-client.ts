import createClient from 'openapi-fetch';
import { API_BASE, type ApiPaths } from './client';

/**
 * Client for the customer-facing (no login) endpoints. Deliberately plain fetch: no bearer token,
 * no refresh on 401 and no session clearing, so a customer's link never touches the CRM session.
 */
function baseUrl(): string {
  const origin = typeof window !== 'undefined' && window.location?.origin ? window.location.origin : 'http://localhost';
  return new URL(API_BASE, origin).href;
}

export const publicApi = createClient<ApiPaths>({
  baseUrl: baseUrl(),
  fetch: (request: Request) => globalThis.fetch(request),
  headers: { Accept: 'application/json' },
});
