import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { makeLead } from '@/test/leads';
import { logIn, renderRoute } from '@/test/render';
import { API, me, problem, server } from '@/test/server';
import LeadsQueuePage from './LeadsQueuePage';

const top = makeLead({ id: '00000000-0000-7000-8000-0000000001b1', name: 'Top Lead', score: 91 });
const middle = makeLead({ id: '00000000-0000-7000-8000-0000000001b2', name: 'Middle Lead', score: 55, status: 'contacted' });
const low = makeLead({ id: '00000000-0000-7000-8000-0000000001b3', name: 'Low Lead', score: 12, score_reasons: [] });

function serveLeads() {
  const seen: URLSearchParams[] = [];
  server.use(
    http.get(`${API}/leads`, ({ request }) => {
      seen.push(new URL(request.url).searchParams);
      return HttpResponse.json({ items: [top, middle, low], next_cursor: null, total: 3 });
    }),
  );
  return seen;
}

describe('LeadsQueuePage', () => {
  it('asks for my open leads by score and shows them in that order', async () => {
    logIn();
    const seen = serveLeads();
    renderRoute(<LeadsQueuePage />, { path: '/leads', pattern: '/leads' });
    const table = await screen.findByRole('table', { name: 'Leads' });
    const links = within(table)
      .getAllByRole('link')
      .map((a) => a.textContent);
    expect(links).toEqual(['Top Lead', 'Middle Lead', 'Low Lead']);
    expect(within(table).getAllByTestId('lead-row')[0]).toHaveTextContent('91');
    expect(screen.getByText('3 open leads in your queue')).toBeInTheDocument();
    const q = seen[0]!;
    expect(q.get('sort')).toBe('-score');
    expect(q.get('owner_id')).toBe(me.id);
    expect(q.get('status[in]')).toBe('new,contacted,qualified');
    expect(q.get('include_total')).toBe('true');
  });

  it('builds the query string from the filters', async () => {
    logIn();
    const seen = serveLeads();
    renderRoute(<LeadsQueuePage />, { path: '/leads?view=all', pattern: '/leads' });
    await screen.findByRole('table', { name: 'Leads' });
    // All leads: no owner and no status filter by default.
    expect(seen[0]?.has('owner_id')).toBe(false);
    expect(seen[0]?.has('status[in]')).toBe(false);

    const user = userEvent.setup();
    await user.click(screen.getByLabelText('Source', { selector: 'input' }));
    await user.click(await screen.findByRole('option', { name: 'Referral', hidden: true }));
    await user.click(screen.getByLabelText('Status', { selector: 'input' }));
    await user.click(await screen.findByRole('option', { name: 'New', hidden: true }));
    await user.click(await screen.findByRole('option', { name: 'Qualified', hidden: true }));
    await user.type(screen.getByRole('textbox', { name: 'Score from' }), '60');
    await user.type(screen.getByRole('textbox', { name: 'Score to' }), '90');
    await user.type(screen.getByLabelText('Campaign', { selector: 'input' }), 'Spring Webinar');

    await waitFor(() => {
      const q = seen.at(-1)!;
      expect(q.get('source')).toBe('referral');
      expect(q.get('status[in]')).toBe('new,qualified');
      expect(q.get('score[gte]')).toBe('60');
      expect(q.get('score[lte]')).toBe('90');
      expect(q.get('campaign')).toBe('Spring Webinar');
      expect(q.get('sort')).toBe('-score');
    });
  });

  it('sorts by a column header', async () => {
    logIn();
    const seen = serveLeads();
    renderRoute(<LeadsQueuePage />, { path: '/leads', pattern: '/leads' });
    await screen.findByRole('table', { name: 'Leads' });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Sort by Created' }));
    await waitFor(() => expect(seen.at(-1)?.get('sort')).toBe('-created_at'));
  });

  it('shows the empty queue with a way to all leads', async () => {
    logIn();
    server.use(http.get(`${API}/leads`, () => HttpResponse.json({ items: [], next_cursor: null, total: 0 })));
    renderRoute(<LeadsQueuePage />, { path: '/leads', pattern: '/leads' });
    expect(await screen.findByText('Your queue is empty')).toBeInTheDocument();
    expect(screen.getAllByRole('link', { name: 'New lead' }).length).toBeGreaterThan(0);
  });

  it('shows problem details on error', async () => {
    logIn();
    server.use(http.get(`${API}/leads`, () => problem(422, 'Invalid filter', { detail: 'Unknown field' })));
    renderRoute(<LeadsQueuePage />, { path: '/leads', pattern: '/leads' });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Invalid filter');
    expect(alert).toHaveTextContent('Unknown field');
  });

  it('changes a status inline, unqualifying only with a reason', async () => {
    logIn();
    serveLeads();
    const patches: { body: unknown; ifMatch: string | null }[] = [];
    server.use(
      http.patch(`${API}/leads/:id`, async ({ request }) => {
        const body = (await request.json()) as Record<string, unknown>;
        patches.push({ body, ifMatch: request.headers.get('if-match') });
        return HttpResponse.json({ ...top, ...body, version: top.version + 1 });
      }),
    );
    renderRoute(<LeadsQueuePage />, { path: '/leads', pattern: '/leads' });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Status of Top Lead: New. Change status' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Mark contacted', hidden: true }));
    await waitFor(() => expect(patches).toEqual([{ body: { status: 'contacted' }, ifMatch: '"3"' }]));

    await user.click(screen.getByRole('button', { name: 'Status of Top Lead: New. Change status' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Unqualify…', hidden: true }));
    const dialog = await screen.findByRole('dialog', { name: 'Unqualify this lead' });
    await user.click(within(dialog).getByRole('button', { name: 'Unqualify' }));
    expect(await within(dialog).findByText('Say why the lead is unqualified')).toBeInTheDocument();
    expect(patches).toHaveLength(1);
    await user.type(within(dialog).getByRole('textbox', { name: /Reason/ }), 'No budget');
    await user.click(within(dialog).getByRole('button', { name: 'Unqualify' }));
    await waitFor(() => expect(patches[1]?.body).toEqual({ status: 'unqualified', unqualified_reason: 'No budget' }));
  });
});
