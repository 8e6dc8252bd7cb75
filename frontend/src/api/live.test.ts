import { HttpResponse, http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import type { LiveEvent } from '@/lib/live';
import { API, server } from '@/test/server';
import { LiveConnection } from './live';
import { session } from './session';

function sse(...chunks: string[]) {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(encoder.encode(c));
      controller.close();
    },
  });
  return new HttpResponse(body, { headers: { 'Content-Type': 'text/event-stream' } });
}

const frame = (id: string, type: string) =>
  `id: ${id}\nevent: ${type}\ndata: ${JSON.stringify({ type, record_type: 'customer', record_id: 'c1', data: {}, actor_id: 'u2', at: '2026-03-01T00:00:00Z' })}\n\n`;

describe('LiveConnection', () => {
  it('sends the bearer token, reads events and resumes with Last-Event-ID after a drop', async () => {
    session.set({ access_token: 'tok', refresh_token: 'r' });
    const seen: { auth: string | null; lastId: string | null }[] = [];
    server.use(
      http.get(`${API}/stream`, ({ request }) => {
        seen.push({ auth: request.headers.get('Authorization'), lastId: request.headers.get('Last-Event-ID') });
        // First connection: two events (the second split across chunks), then the server drops it.
        if (seen.length === 1) return sse('retry: 10\n: connected\n\n', frame('e1', 'customer.updated'), frame('e2', 'customer.deleted').slice(0, 30), frame('e2', 'customer.deleted').slice(30));
        return new HttpResponse(null, { status: 204 }); // then: do not reconnect
      }),
    );
    const events: LiveEvent[] = [];
    const conn = new LiveConnection((e) => events.push(e), { minDelay: 5, maxDelay: 10 });
    conn.start();
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    conn.stop();
    expect(events.map((e) => [e.id, e.type])).toEqual([
      ['e1', 'customer.updated'],
      ['e2', 'customer.deleted'],
    ]);
    expect(seen[0]).toEqual({ auth: 'Bearer tok', lastId: null });
    expect(seen[1]).toEqual({ auth: 'Bearer tok', lastId: 'e2' });
  });

  it('refreshes an expired token before streaming', async () => {
    session.set({ access_token: 'old', refresh_token: 'r-old' });
    let connected = 0;
    server.use(
      http.get(`${API}/stream`, ({ request }) => {
        if (request.headers.get('Authorization') !== 'Bearer new') return new HttpResponse(null, { status: 401 });
        connected++;
        return new HttpResponse(null, { status: 204 });
      }),
      http.post(`${API}/auth/refresh`, () => HttpResponse.json({ access_token: 'new', refresh_token: 'r-new', token_type: 'bearer', expires_in: 900 })),
    );
    const conn = new LiveConnection(() => {}, { minDelay: 5 });
    conn.start();
    await vi.waitFor(() => expect(connected).toBe(1));
    conn.stop();
    expect(session.get()?.access_token).toBe('new');
  });

  it('backs off and retries after a server error', async () => {
    session.set({ access_token: 'tok', refresh_token: 'r' });
    let calls = 0;
    server.use(
      http.get(`${API}/stream`, () => {
        calls++;
        return calls < 3 ? new HttpResponse(null, { status: 503 }) : new HttpResponse(null, { status: 204 });
      }),
    );
    const conn = new LiveConnection(() => {}, { minDelay: 5, maxDelay: 20 });
    conn.start();
    await vi.waitFor(() => expect(calls).toBe(3));
    conn.stop();
  });
});
