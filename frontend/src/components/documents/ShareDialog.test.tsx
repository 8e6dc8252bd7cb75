import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import type { components } from '@/api/schema.gen';
import { logIn, renderRoute } from '@/test/render';
import { API, problem, server } from '@/test/server';
import { ShareDialog } from './ShareDialog';
import { DOC_ID, makeCreatedLink, makeShareLink } from './test-data';

type S = components['schemas'];

function renderDialog() {
  return renderRoute(<ShareDialog documentId={DOC_ID} title="Proposal" opened onClose={() => {}} />);
}

describe('ShareDialog', () => {
  it('creates a link with expiry, password and limit, and shows it to copy', async () => {
    logIn();
    let links: S['ShareLinkRead'][] = [];
    let sent: S['ShareLinkCreate'] | null = null;
    server.use(
      http.get(`${API}/documents/:id/share-links`, () => HttpResponse.json({ items: links, next_cursor: null })),
      http.post(`${API}/documents/:id/share-links`, async ({ request }) => {
        sent = (await request.json()) as S['ShareLinkCreate'];
        const created = makeCreatedLink({ password_protected: true, max_downloads: 3 });
        links = [created];
        return HttpResponse.json(created, { status: 201 });
      }),
    );
    const user = userEvent.setup();
    renderDialog();
    expect(await screen.findByText('No links yet.')).toBeInTheDocument();
    await user.click(screen.getByRole('combobox', { name: 'Expires in' }));
    await user.click(await screen.findByRole('option', { name: '30 days', hidden: true }));
    await user.type(screen.getByLabelText('Password (optional)'), 's3cret');
    await user.type(screen.getByRole('textbox', { name: 'Download limit' }), '3');
    await user.click(screen.getByRole('button', { name: 'Create link' }));

    expect(await screen.findByText('Link created')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Share link' })).toHaveValue(`${window.location.origin}/s/tok-abcdefghijkl`);
    expect(screen.getByRole('button', { name: 'Copy link' })).toBeInTheDocument();
    expect(sent).toMatchObject({ password: 's3cret', max_downloads: 3 });
    const days = (new Date(sent!.expires_at!).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThan(30.1);
    const table = await screen.findByRole('table', { name: 'Links of this document' });
    expect(within(table).getByText('Active')).toBeInTheDocument();
    expect(within(table).getByText('0 of 3')).toBeInTheDocument();
  });

  it('revokes a link after confirming', async () => {
    logIn();
    let revoked = false;
    server.use(
      http.get(`${API}/documents/:id/share-links`, () =>
        HttpResponse.json({ items: [makeShareLink(revoked ? { status: 'revoked', revoked_at: '2026-03-02T00:00:00Z' } : {})], next_cursor: null }),
      ),
      http.post(`${API}/documents/:id/share-links/:linkId/revoke`, () => {
        revoked = true;
        return HttpResponse.json(makeShareLink({ status: 'revoked', revoked_at: '2026-03-02T00:00:00Z' }));
      }),
    );
    const user = userEvent.setup();
    renderDialog();
    await user.click(await screen.findByRole('button', { name: 'Revoke' }));
    await user.click(screen.getByRole('button', { name: 'Revoke now' }));
    expect(await screen.findByText('Revoked')).toBeInTheDocument();
    expect(revoked).toBe(true);
    expect(screen.queryByRole('button', { name: 'Revoke' })).not.toBeInTheDocument();
  });

  it('shows the problem when the link cannot be created', async () => {
    logIn();
    server.use(
      http.get(`${API}/documents/:id/share-links`, () => HttpResponse.json({ items: [], next_cursor: null })),
      http.post(`${API}/documents/:id/share-links`, () => problem(403, 'Forbidden', { detail: 'Only the owner can share it.' })),
    );
    const user = userEvent.setup();
    renderDialog();
    await user.click(await screen.findByRole('button', { name: 'Create link' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The link could not be created: Forbidden');
    expect(alert).toHaveTextContent('Only the owner can share it.');
    await waitFor(() => expect(screen.queryByText('Link created')).not.toBeInTheDocument());
  });

  it('shows who downloaded through a link', async () => {
    logIn();
    server.use(
      http.get(`${API}/documents/:id/share-links`, () =>
        HttpResponse.json({ items: [makeShareLink({ download_count: 2 })], next_cursor: null }),
      ),
      http.get(`${API}/documents/:id/share-links/:linkId/downloads`, () =>
        HttpResponse.json({
          items: [
            { id: 'dl-2', at: '2026-03-02T10:00:00Z', ip: '203.0.113.9', user_agent: 'Mozilla/5.0 Safari', version_number: 1 },
            { id: 'dl-1', at: '2026-03-01T09:00:00Z', ip: '198.51.100.4', user_agent: null, version_number: 1 },
          ],
          next_cursor: null,
        }),
      ),
    );
    const user = userEvent.setup();
    renderDialog();
    const count = await screen.findByRole('button', { name: 'Show who downloaded through this link' });
    expect(count).toHaveTextContent('2');
    await user.click(count);
    const log = await screen.findByRole('table', { name: 'Downloads through this link' });
    expect(within(log).getByText('203.0.113.9')).toBeInTheDocument();
    expect(within(log).getByText('198.51.100.4')).toBeInTheDocument();
    expect(within(log).getByText('Mozilla/5.0 Safari')).toBeInTheDocument();
    expect(count).toHaveAttribute('aria-expanded', 'true');
  });
});
