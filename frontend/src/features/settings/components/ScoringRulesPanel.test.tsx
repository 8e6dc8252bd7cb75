import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import type { components } from '@/api/schema.gen';
import { logIn, renderRoute } from '@/test/render';
import { API, server } from '@/test/server';
import SettingsPage from '../routes/SettingsPage';

type S = components['schemas'];

const rule: S['ScoringRuleRead'] = {
  id: '00000000-0000-7000-8000-0000000003a1',
  name: 'Korea or Japan',
  field: 'country',
  op: 'in',
  value: 'KR,JP',
  points: 10,
  active: true,
  text: 'country in KR,JP',
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
  version: 1,
};

describe('ScoringRulesPanel', () => {
  it('lists rules in words with their points and creates one with the condition builder', async () => {
    logIn();
    let body: S['ScoringRuleCreate'] | undefined;
    server.use(
      http.get(`${API}/scoring/rules`, () => HttpResponse.json({ items: [rule], next_cursor: null })),
      http.post(`${API}/scoring/rules`, async ({ request }) => {
        body = (await request.json()) as S['ScoringRuleCreate'];
        return HttpResponse.json({ ...rule, ...body, id: '00000000-0000-7000-8000-0000000003a2', text: '' }, { status: 201 });
      }),
    );
    renderRoute(<SettingsPage />, { path: '/settings/lead-scoring', pattern: '/settings/:tab' });
    const table = await screen.findByRole('table', { name: 'Scoring rules' });
    expect(within(table).getByText('Country is one of KR, JP')).toBeInTheDocument();
    expect(within(table).getByText('+10')).toBeInTheDocument();
    expect(screen.getByText('Changing, switching off or deleting a rule re-scores every lead.')).toBeInTheDocument();

    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'New scoring rule' }));
    const dialog = await screen.findByRole('dialog', { name: 'New scoring rule' });
    await user.type(within(dialog).getByRole('textbox', { name: /^Name/ }), 'Big company');
    // Starts on company size; pick "at least" 50 for 30 points.
    await user.click(within(dialog).getByLabelText('Operator', { selector: 'input' }));
    await user.click(await screen.findByRole('option', { name: 'at least', hidden: true }));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('Give a value')).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText('Value', { selector: 'input' }), '50');
    const points = within(dialog).getByRole('textbox', { name: 'Points' });
    await user.clear(points);
    await user.type(points, '30');
    expect(within(dialog).getByText('Company size ≥ 50 → +30 points')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(body).toEqual({ name: 'Big company', field: 'company_size', op: 'gte', value: '50', points: 30, active: true }));
  }, 30_000);
});
