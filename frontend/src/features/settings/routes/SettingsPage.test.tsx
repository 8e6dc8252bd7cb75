import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import type { components } from '@/api/schema.gen';
import { makePipeline, stages } from '@/test/deals';
import { API, me, problem, server } from '@/test/server';
import { logIn, renderRoute } from '@/test/render';
import SettingsPage from './SettingsPage';

type S = components['schemas'];

const key: S['ApiKeyRead'] = {
  id: '00000000-0000-7000-8000-0000000000k1',
  name: 'Zapier',
  prefix: 'crm_ab12',
  scopes: ['customers:read'],
  user_id: me.id,
  created_by_id: me.id,
  created_at: '2026-03-01T00:00:00Z',
  expires_at: null,
  last_used_at: null,
  revoked_at: null,
};

describe('SettingsPage', () => {
  it('tells non-admins they may not open it', async () => {
    logIn();
    server.use(http.get(`${API}/users/me`, () => HttpResponse.json({ ...me, role: 'manager' })));
    renderRoute(<SettingsPage />, { path: '/settings/users', pattern: '/settings/:tab' });
    expect(await screen.findByText('Admins only')).toBeInTheDocument();
    expect(screen.queryByRole('tab', { name: 'Users' })).not.toBeInTheDocument();
  });

  it('lists users for admins', async () => {
    logIn();
    renderRoute(<SettingsPage />, { path: '/settings/users', pattern: '/settings/:tab' });
    const table = await screen.findByRole('table', { name: 'Users' });
    expect(table).toHaveTextContent('Ada Admin');
    expect(table).toHaveTextContent('admin@example.com');
  });

  it('creates an API key and shows the secret once', async () => {
    logIn();
    let body: S['ApiKeyCreate'] | undefined;
    let listed: S['ApiKeyRead'][] = [];
    server.use(
      http.get(`${API}/api-keys`, () => HttpResponse.json({ items: listed, next_cursor: null } satisfies S['Page_ApiKeyRead_'])),
      http.post(`${API}/api-keys`, async ({ request }) => {
        body = (await request.json()) as S['ApiKeyCreate'];
        listed = [key];
        return HttpResponse.json({ ...key, key: 'crm_ab12_SECRET-VALUE' } satisfies S['ApiKeyCreated'], { status: 201 });
      }),
    );
    renderRoute(<SettingsPage />, { path: '/settings/api-keys', pattern: '/settings/:tab' });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'New API key' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(screen.getByRole('textbox', { name: /^Name/ }), 'Zapier');
    await user.click(screen.getByLabelText(/^Scopes/, { selector: 'input' }));
    await user.click(await screen.findByRole('option', { name: 'customers:read', hidden: true }));
    await user.click(screen.getByRole('button', { name: 'Create key' }));

    expect(await screen.findByText('crm_ab12_SECRET-VALUE')).toBeInTheDocument();
    expect(screen.getByText('Copy this key now')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Copy key' })).toBeInTheDocument();
    expect(body).toMatchObject({ name: 'Zapier', scopes: ['customers:read'], user_id: me.id, expires_at: null });
    expect(dialog).toBeInTheDocument();

    // Once closed, the secret is gone; the list shows only the prefix.
    await user.click(screen.getByRole('button', { name: 'I have stored the key' }));
    const table = await screen.findByRole('table', { name: 'API keys' });
    expect(table).toHaveTextContent('crm_ab12…');
    expect(screen.queryByText('crm_ab12_SECRET-VALUE')).not.toBeInTheDocument();
  });

  it('shows why a stage with deals cannot be archived (409)', async () => {
    logIn();
    server.use(
      http.get(`${API}/pipelines`, () => HttpResponse.json({ items: [makePipeline()], next_cursor: null })),
      http.post(`${API}/pipelines/:pid/stages/:sid/archive`, () =>
        problem(409, 'Stage has deals', { detail: '3 deals are still in Proposal; move them first.' }),
      ),
    );
    renderRoute(<SettingsPage />, { path: '/settings/pipelines', pattern: '/settings/:tab' });
    const user = userEvent.setup();
    expect(await screen.findAllByTestId('stage-row')).toHaveLength(3);
    await user.click(screen.getByRole('button', { name: `Archive ${stages.proposal.name}` }));
    const dialog = await screen.findByRole('dialog', { name: 'Archive this stage?' });
    await user.click(within(dialog).getByRole('button', { name: 'Archive' }));
    expect(await within(dialog).findByText('3 deals are still in Proposal; move them first.')).toBeInTheDocument();
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Cannot archive');
  });
});
