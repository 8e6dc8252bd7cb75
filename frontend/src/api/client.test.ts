import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { API, me, server } from '@/test/server';
import { api } from './client';
import { session } from './session';

describe('api client', () => {
  it('refreshes once on 401, stores the rotated pair and retries', async () => {
    session.set({ access_token: 'old', refresh_token: 'r-old' });
    let refreshBody: unknown;
    server.use(
      http.get(`${API}/users/me`, ({ request }) =>
        request.headers.get('Authorization') === 'Bearer new' ? HttpResponse.json(me) : new HttpResponse(null, { status: 401 }),
      ),
      http.post(`${API}/auth/refresh`, async ({ request }) => {
        refreshBody = await request.json();
        return HttpResponse.json({ access_token: 'new', refresh_token: 'r-new', token_type: 'bearer', expires_in: 900 });
      }),
    );
    const { data } = await api.GET('/users/me');
    expect(data?.email).toBe(me.email);
    expect(refreshBody).toEqual({ refresh_token: 'r-old' });
    expect(session.get()).toEqual({ access_token: 'new', refresh_token: 'r-new' });
  });

  it('logs out when the refresh fails', async () => {
    session.set({ access_token: 'old', refresh_token: 'spent' });
    server.use(
      http.get(`${API}/users/me`, () => new HttpResponse(null, { status: 401 })),
      http.post(`${API}/auth/refresh`, () => new HttpResponse(null, { status: 401 })),
    );
    const { response } = await api.GET('/users/me');
    expect(response.status).toBe(401);
    expect(session.get()).toBeNull();
  });
});
