import { act, screen } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { liveEvents } from '@/api/live';
import type { LiveEvent } from '@/lib/live';
import { CUSTOMER_ID, rep } from '@/test/activity';
import { logIn, renderRoute } from '@/test/render';
import { API, me, server } from '@/test/server';
import { useCurrentUser } from '@/hooks/use-current-user';
import { useUserDirectory } from '@/hooks/use-user-directory';
import { LiveChangeBadge } from './LiveChangeBadge';

/** Shows "ready" once the signed-in user and the colleagues are loaded. */
function Ready() {
  const me = useCurrentUser();
  const users = useUserDirectory();
  return <span>{me.data && users.data ? 'ready' : ''}</span>;
}

const ev = (overrides: Partial<LiveEvent>): LiveEvent => ({
  id: 'e1',
  type: 'customer.updated',
  record_type: 'customer',
  record_id: CUSTOMER_ID,
  data: { fields: ['phones'] },
  actor_id: rep.id,
  at: '2026-03-02T09:00:00Z',
  ...overrides,
});

describe('LiveChangeBadge', () => {
  it('says who just changed the record on screen, but not for my own changes or other records', async () => {
    logIn();
    server.use(http.get(`${API}/users`, () => HttpResponse.json({ items: [me, rep], next_cursor: null })));
    renderRoute(
      <>
        <Ready />
        <LiveChangeBadge recordType="customer" recordId={CUSTOMER_ID} />
      </>,
    );
    expect(await screen.findByText('ready')).toBeInTheDocument();

    act(() => liveEvents.emit(ev({ actor_id: me.id })));
    act(() => liveEvents.emit(ev({ record_id: '00000000-0000-7000-8000-0000000000ff' })));
    expect(screen.queryByTestId('live-change')).not.toBeInTheDocument();

    act(() => liveEvents.emit(ev({ type: 'interaction.created', record_type: 'interaction', record_id: 'i1', data: { customer_id: CUSTOMER_ID } })));
    expect(await screen.findByText('Ray Rep logged an interaction just now')).toBeInTheDocument();
    act(() => liveEvents.emit(ev({})));
    expect(await screen.findByText('Updated by Ray Rep just now')).toBeInTheDocument();
  });
});
