import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { liveEvents } from '@/api/live';
import { useCurrentUser } from '@/hooks/use-current-user';
import { useLiveUpdates } from '@/hooks/use-live-updates';
import { CUSTOMER_ID, makeNotification } from '@/test/activity';
import { logIn, renderRoute } from '@/test/render';
import { API, server } from '@/test/server';
import { NotificationBell } from './NotificationBell';

/** The bell as the app shell mounts it: with the tab's live updates running. */
function Shell() {
  const me = useCurrentUser();
  useLiveUpdates(me.data?.id);
  return <NotificationBell />;
}

describe('NotificationBell', () => {
  it('shows the unread count and updates it from a live event without reloading', async () => {
    logIn();
    let count = 0;
    let streamed = false;
    server.use(
      http.get(`${API}/notifications/unread-count`, () => HttpResponse.json({ count })),
      http.get(`${API}/stream`, () => {
        streamed = true;
        return new HttpResponse(null, { status: 204 });
      }),
    );
    renderRoute(<Shell />);
    expect(await screen.findByRole('button', { name: 'Notifications' })).toBeInTheDocument();
    await waitFor(() => expect(streamed).toBe(true)); // the tab's stream started (after /users/me)
    count = 1;
    act(() =>
      liveEvents.emit({
        id: 'e1',
        type: 'notification.created',
        record_type: 'notification',
        record_id: 'n1',
        data: { kind: 'mention' },
        actor_id: 'u2',
        at: '2026-03-02T09:00:00Z',
      }),
    );
    expect(await screen.findByRole('button', { name: 'Notifications, 1 unread' })).toBeInTheDocument();
  });

  it('lists notifications newest first; a click marks it read and opens the record', async () => {
    logIn();
    const first = makeNotification();
    const older = makeNotification({ id: '00000000-0000-7000-8000-0000000003a2', kind: 'reminder', title: 'Birthday: Kim Minji', record_type: 'task', record_id: 'tk1', read_at: '2026-03-01T00:00:00Z' });
    const reads: string[] = [];
    server.use(
      http.get(`${API}/notifications/unread-count`, () => HttpResponse.json({ count: reads.length ? 0 : 1 })),
      http.get(`${API}/notifications`, () => HttpResponse.json({ items: [first, older], next_cursor: null })),
      http.post(`${API}/notifications/:id/read`, ({ params }) => {
        reads.push(String(params.id));
        return HttpResponse.json({ ...first, read_at: '2026-03-02T10:00:00Z' });
      }),
    );
    const { router } = renderRoute(<NotificationBell />, { path: '/', pattern: '/' });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Notifications, 1 unread' }));
    const panel = await screen.findByRole('dialog', { name: 'Notifications' });
    const items = await within(panel).findAllByTestId('notification');
    expect(items.map((i) => i.textContent)).toEqual([expect.stringContaining('Ray Rep mentioned you on Acme Corp'), expect.stringContaining('Birthday: Kim Minji')]);
    expect(items[0]).toHaveAttribute('data-unread', 'true');
    expect(items[1]).not.toHaveAttribute('data-unread');

    await user.click(items[0]!);
    await waitFor(() => expect(reads).toEqual([first.id]));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/customers/${CUSTOMER_ID}`));
    expect(router.state.location.search).toBe('?tab=timeline');
  });

  it('marks all read', async () => {
    logIn();
    let readAll = false;
    server.use(
      http.get(`${API}/notifications/unread-count`, () => HttpResponse.json({ count: readAll ? 0 : 3 })),
      http.get(`${API}/notifications`, () => HttpResponse.json({ items: [makeNotification()], next_cursor: null })),
      http.post(`${API}/notifications/read-all`, () => {
        readAll = true;
        return HttpResponse.json({ updated: 3 });
      }),
    );
    renderRoute(<NotificationBell />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Notifications, 3 unread' }));
    const panel = await screen.findByRole('dialog', { name: 'Notifications' });
    await user.click(await within(panel).findByRole('button', { name: 'Mark all read' }));
    expect(await screen.findByRole('button', { name: 'Notifications' })).toBeInTheDocument();
    expect(readAll).toBe(true);
  });
});
