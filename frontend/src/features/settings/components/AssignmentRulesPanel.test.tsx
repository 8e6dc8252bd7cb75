import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import type { components } from '@/api/schema.gen';
import { logIn, renderRoute } from '@/test/render';
import { API, me, server } from '@/test/server';
import SettingsPage from '../routes/SettingsPage';

type S = components['schemas'];

const rep: S['UserRead'] = { ...me, id: '00000000-0000-7000-8000-000000000002', email: 'mina@example.com', full_name: 'Mina Park', role: 'sales', manager_id: me.id };
const rule: S['AssignmentRuleRead'] = {
  id: '00000000-0000-7000-8000-0000000004a1',
  name: 'Korea desk',
  position: 10,
  active: true,
  conditions: [{ field: 'country', op: 'in', value: 'KR,JP', text: 'country in KR,JP' }],
  user_ids: [rep.id],
  team_manager_id: null,
  assigned_count: 7,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
  version: 1,
};

describe('AssignmentRulesPanel', () => {
  it('shows rules in order with readable conditions, and creates a team rule', async () => {
    logIn();
    let body: S['AssignmentRuleCreate'] | undefined;
    server.use(
      http.get(`${API}/users`, () => HttpResponse.json({ items: [me, rep], next_cursor: null })),
      http.get(`${API}/assignment-rules`, () => HttpResponse.json({ items: [rule], next_cursor: null })),
      http.post(`${API}/assignment-rules`, async ({ request }) => {
        body = (await request.json()) as S['AssignmentRuleCreate'];
        return HttpResponse.json({ ...rule, id: '00000000-0000-7000-8000-0000000004a2' }, { status: 201 });
      }),
    );
    renderRoute(<SettingsPage />, { path: '/settings/lead-assignment', pattern: '/settings/:tab' });
    const table = await screen.findByRole('table', { name: 'Lead assignment rules' });
    const row = within(table).getAllByRole('row')[1]!;
    expect(row).toHaveTextContent('Korea desk');
    expect(row).toHaveTextContent('Country is one of KR, JP');
    expect(await within(row).findByText('Round robin: Mina Park')).toBeInTheDocument();
    expect(row).toHaveTextContent('7');

    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'New assignment rule' }));
    const dialog = await screen.findByRole('dialog', { name: 'New assignment rule' });
    await user.type(within(dialog).getByRole('textbox', { name: /^Name/ }), 'Free mail');
    await user.click(within(dialog).getByRole('button', { name: 'Add condition' }));
    await user.click(within(dialog).getByLabelText('Field 1', { selector: 'input' }));
    await user.click(await screen.findByRole('option', { name: 'Email kind', hidden: true }));
    await user.click(within(dialog).getByLabelText('Value 1', { selector: 'input' }));
    await user.click(await screen.findByRole('option', { name: 'Free mail', hidden: true }));
    await user.click(within(dialog).getByText("A manager's team"));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('Choose a manager')).toBeInTheDocument();
    await user.click(within(dialog).getByLabelText(/Team manager/, { selector: 'input' }));
    await user.click(await screen.findByRole('option', { name: 'Ada Admin', hidden: true }));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(body).toEqual({
        name: 'Free mail',
        conditions: [{ field: 'email_kind', op: 'eq', value: 'free' }],
        user_ids: [],
        team_manager_id: me.id,
        position: 20,
        active: true,
      }),
    );
  }, 30_000);
});
