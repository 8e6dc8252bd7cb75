import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import type { components } from '@/api/schema.gen';
import { logIn, renderRoute } from '@/test/render';
import { API, server } from '@/test/server';
import { ReminderRulesPanel } from './ReminderRulesPanel';

type S = components['schemas'];

const rule = (overrides: Partial<S['ReminderRuleRead']>): S['ReminderRuleRead'] => ({
  id: '00000000-0000-7000-8000-0000000004a1',
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
  version: 2,
  name: 'Quiet customers',
  kind: 'followup',
  enabled: true,
  days: 14,
  days_before: 0,
  object_type: null,
  field: null,
  yearly: false,
  ...overrides,
});

describe('ReminderRulesPanel', () => {
  it('describes each rule, toggles one with If-Match and runs the reminders', async () => {
    logIn();
    const rules = [
      rule({}),
      rule({ id: '00000000-0000-7000-8000-0000000004a2', name: 'Renewals', kind: 'date_field', days: null, days_before: 30, object_type: 'deal', field: 'expected_close_date', yearly: true }),
    ];
    const patches: { body: unknown; ifMatch: string | null }[] = [];
    let ran = false;
    server.use(
      http.get(`${API}/reminder-rules`, () => HttpResponse.json({ items: rules, next_cursor: null })),
      http.patch(`${API}/reminder-rules/:id`, async ({ request }) => {
        const body = (await request.json()) as Record<string, unknown>;
        patches.push({ body, ifMatch: request.headers.get('if-match') });
        return HttpResponse.json({ ...rules[0], ...body, version: 3 });
      }),
      http.post(`${API}/reminder-rules/run`, () => {
        ran = true;
        return HttpResponse.json({ tasks_created: 4, due_announced: 0 });
      }),
    );
    renderRoute(<ReminderRulesPanel />);
    const table = await screen.findByRole('table', { name: 'Reminder rules' });
    const rows = within(table).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('No interaction for 14 days');
    expect(rows[2]).toHaveTextContent('30 days before Expected close (Deals) every year');
    const user = userEvent.setup();
    await user.click(within(table).getByRole('switch', { name: 'Quiet customers on' }));
    await waitFor(() => expect(patches).toEqual([{ body: { enabled: false }, ifMatch: '"2"' }]));
    await user.click(screen.getByRole('button', { name: 'Run now' }));
    expect(await screen.findByText('4 reminder tasks made')).toBeInTheDocument();
    expect(ran).toBe(true);
  });

  it('creates a birthday reminder', async () => {
    logIn();
    let created: unknown;
    server.use(
      http.get(`${API}/reminder-rules`, () => HttpResponse.json({ items: [], next_cursor: null })),
      http.post(`${API}/reminder-rules`, async ({ request }) => {
        created = await request.json();
        return HttpResponse.json(rule({ name: 'Birthdays', kind: 'birthday' }), { status: 201 });
      }),
    );
    renderRoute(<ReminderRulesPanel />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'New reminder' }));
    const dialog = await screen.findByRole('dialog', { name: 'New reminder' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'Birthdays');
    await user.click(within(dialog).getByLabelText('Kind', { selector: 'input' }));
    await user.click(await screen.findByRole('option', { name: 'Birthday', hidden: true }));
    const before = within(dialog).getByRole('textbox', { name: 'Days before' });
    await user.clear(before);
    await user.type(before, '3');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(created).toEqual({ name: 'Birthdays', kind: 'birthday', enabled: true, days: null, days_before: 3, object_type: null, field: null, yearly: false }),
    );
  });
});
