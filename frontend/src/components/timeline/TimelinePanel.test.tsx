import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { CUSTOMER_ID, makeInteraction, makeTimelineItem, rep } from '@/test/activity';
import { logIn, renderRoute } from '@/test/render';
import { API, me, problem, server } from '@/test/server';
import { TimelinePanel } from './TimelinePanel';

const items = [
  makeTimelineItem({ kind: 'comment', id: '00000000-0000-7000-8000-0000000001c1', title: 'Ping', summary: '@Ray Rep please call back', actor_name: 'Ada Admin', data: {} }),
  makeTimelineItem(),
  makeTimelineItem({ kind: 'task', id: '00000000-0000-7000-8000-0000000001d1', title: 'Send the quote', summary: null, data: { status: 'open', due_at: '2026-03-05T09:00:00Z', assignee_id: me.id, priority: 'high' } }),
  makeTimelineItem({
    kind: 'stage_change',
    id: '00000000-0000-7000-8000-0000000001d2',
    title: 'x',
    summary: null,
    record_type: 'deal',
    record_id: '00000000-0000-7000-8000-0000000000d9',
    data: { from_stage: 'Qualified', to_stage: 'Proposal', deal_name: 'Acme rollout' },
  }),
  makeTimelineItem({ kind: 'field_change', id: '00000000-0000-7000-8000-0000000001d3', title: 'updated: job_title', summary: null, data: { action: 'updated', field: 'job_title', old_value: 'Engineer', new_value: 'CTO' } }),
];

function serveTimeline(pages: Record<string, { items: typeof items; next_cursor: string | null }>) {
  const seen: URLSearchParams[] = [];
  server.use(
    http.get(`${API}/users`, () => HttpResponse.json({ items: [me, rep], next_cursor: null })),
    http.get(`${API}/customers/:id/timeline`, ({ request }) => {
      const q = new URL(request.url).searchParams;
      seen.push(q);
      return HttpResponse.json(pages[q.get('cursor') ?? ''] ?? { items: [], next_cursor: null });
    }),
  );
  return seen;
}

describe('TimelinePanel', () => {
  it('renders every kind with its own bullet and loads more with the cursor', async () => {
    logIn();
    const older = makeTimelineItem({ id: '00000000-0000-7000-8000-0000000001e9', title: 'Old meeting', data: { type: 'meeting' }, at: '2026-01-01T09:00:00Z' });
    const seen = serveTimeline({ '': { items, next_cursor: 'c2' }, c2: { items: [older], next_cursor: null } });
    renderRoute(<TimelinePanel recordType="customer" recordId={CUSTOMER_ID} />);
    const list = await screen.findByRole('list', { name: 'Timeline' });
    const rows = within(list).getAllByTestId('timeline-item');
    expect(rows.map((r) => r.getAttribute('data-kind'))).toEqual(['comment', 'interaction', 'task', 'stage_change', 'field_change']);
    expect(rows[0]).toHaveTextContent('Ada Admin commented');
    expect(rows[0]).toHaveTextContent('@Ray Rep please call back');
    expect(rows[1]).toHaveTextContent('Intro call');
    expect(rows[1]).toHaveTextContent('Call');
    expect(rows[1]).toHaveTextContent('Outbound');
    expect(rows[1]).toHaveTextContent('10 min');
    expect(rows[1]).toHaveTextContent('Interested');
    expect(rows[2]).toHaveTextContent('Task: Send the quote');
    expect(rows[2]).toHaveTextContent('Open');
    expect(rows[3]).toHaveTextContent('Acme rollout: Qualified → Proposal');
    expect(within(rows[3]!).getByRole('link', { name: 'Open deal' })).toHaveAttribute('href', '/deals/00000000-0000-7000-8000-0000000000d9');
    expect(rows[4]).toHaveTextContent('Job title changed');
    expect(rows[4]).toHaveTextContent('Engineer → CTO');
    expect(seen[0]?.get('kind')).toBeNull();

    await userEvent.setup().click(screen.getByRole('button', { name: 'Load more' }));
    expect(await within(list).findByText('Old meeting')).toBeInTheDocument();
    expect(seen.at(-1)?.get('cursor')).toBe('c2');
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('filters by kind with the chips', async () => {
    logIn();
    const seen = serveTimeline({ '': { items, next_cursor: null } });
    renderRoute(<TimelinePanel recordType="customer" recordId={CUSTOMER_ID} />);
    await screen.findByRole('list', { name: 'Timeline' });
    const user = userEvent.setup();
    await user.click(screen.getByRole('checkbox', { name: 'Comments' }));
    await user.click(screen.getByRole('checkbox', { name: 'Interactions' }));
    await waitFor(() => expect(seen.at(-1)?.get('kind')).toBe('interaction,comment'));
    await user.click(screen.getByRole('checkbox', { name: 'All' }));
    await waitFor(() => expect(seen.at(-1)?.get('kind')).toBeNull());
  });

  it('logs a call linked to the record with type, time, duration, subject, notes and outcome', async () => {
    logIn();
    serveTimeline({ '': { items: [], next_cursor: null } });
    let posted: Record<string, unknown> | undefined;
    server.use(
      http.post(`${API}/interactions`, async ({ request }) => {
        posted = (await request.json()) as Record<string, unknown>;
        return HttpResponse.json(makeInteraction(), { status: 201 });
      }),
    );
    renderRoute(<TimelinePanel recordType="customer" recordId={CUSTOMER_ID} />);
    expect(await screen.findByText('Nothing here yet')).toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Log call' }));
    const dialog = await screen.findByRole('dialog', { name: 'Log a call' });
    const when = within(dialog).getByLabelText(/When/);
    expect((when as HTMLInputElement).value).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/); // defaults to now
    await user.clear(when);
    await user.type(when, '2026-03-02T14:30');
    await user.click(within(dialog).getByRole('radio', { name: 'Inbound' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Subject' }), 'Pricing question');
    await user.type(within(dialog).getByRole('textbox', { name: 'Notes' }), 'Asked about volume discounts');
    await user.type(within(dialog).getByRole('textbox', { name: 'Duration (minutes)' }), '12');
    await user.type(within(dialog).getByRole('combobox', { name: 'Outcome' }), 'Follow-up needed');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(posted).toBeDefined());
    expect(posted).toEqual({
      type: 'call',
      direction: 'inbound',
      occurred_at: new Date('2026-03-02T14:30').toISOString(),
      duration_seconds: 720,
      subject: 'Pricing question',
      body: 'Asked about volume discounts',
      outcome: 'Follow-up needed',
      customer_id: CUSTOMER_ID,
    });
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Log a call' })).not.toBeInTheDocument());
  });

  it('posts a note on a deal without duration or outcome', async () => {
    logIn();
    server.use(
      http.get(`${API}/deals/:id/timeline`, () => HttpResponse.json({ items: [], next_cursor: null })),
      http.get(`${API}/lost-reasons`, () => HttpResponse.json({ items: [], next_cursor: null })),
    );
    let posted: Record<string, unknown> | undefined;
    server.use(
      http.post(`${API}/interactions`, async ({ request }) => {
        posted = (await request.json()) as Record<string, unknown>;
        return HttpResponse.json(makeInteraction({ type: 'note' }), { status: 201 });
      }),
    );
    renderRoute(<TimelinePanel recordType="deal" recordId="00000000-0000-7000-8000-0000000000d9" />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Add note' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add a note' });
    expect(within(dialog).queryByRole('combobox', { name: 'Outcome' })).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('Write the note')).toBeInTheDocument();
    await user.type(within(dialog).getByRole('textbox', { name: 'Notes' }), 'Budget approved');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(posted).toMatchObject({ type: 'note', body: 'Budget approved', deal_id: '00000000-0000-7000-8000-0000000000d9' }));
    expect(posted).not.toHaveProperty('duration_seconds');
    expect(posted).not.toHaveProperty('direction');
  });

  it('comments with an @mention and explains a 422 for someone who cannot see the record', async () => {
    logIn();
    serveTimeline({ '': { items: [], next_cursor: null } });
    const bodies: unknown[] = [];
    server.use(
      http.post(`${API}/comments`, async ({ request }) => {
        bodies.push(await request.json());
        return problem(422, 'Validation error', {
          detail: 'Ray Rep cannot see this customer.',
          errors: [{ loc: ['body', 'mentions', 0], msg: 'Ray Rep cannot see this customer.', type: 'mention_not_visible' }],
        });
      }),
    );
    renderRoute(<TimelinePanel recordType="customer" recordId={CUSTOMER_ID} />);
    const user = userEvent.setup();
    const box = await screen.findByRole('textbox', { name: 'Comment' });
    await user.type(box, 'Can you call them @ra');
    await user.click(await screen.findByRole('option', { name: /Ray Rep/, hidden: true }));
    await user.click(screen.getByRole('button', { name: 'Comment' }));
    await waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0]).toEqual({ record_type: 'customer', record_id: CUSTOMER_ID, body: 'Can you call them @Ray Rep', mentions: [rep.id] });
    expect(await screen.findByText('Ray Rep cannot see this record, so they cannot be mentioned here.')).toBeInTheDocument();
  });

  it('hides the composer from viewers', async () => {
    logIn();
    serveTimeline({ '': { items, next_cursor: null } });
    server.use(http.get(`${API}/users/me`, () => HttpResponse.json({ ...me, role: 'viewer' })));
    renderRoute(<TimelinePanel recordType="customer" recordId={CUSTOMER_ID} />);
    await screen.findByRole('list', { name: 'Timeline' });
    expect(screen.queryByRole('button', { name: 'Log call' })).not.toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'Comment' })).not.toBeInTheDocument();
  });
});
