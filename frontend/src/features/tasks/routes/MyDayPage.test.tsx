import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { CUSTOMER_ID, makeTask } from '@/test/activity';
import { logIn, renderRoute } from '@/test/render';
import { API, makeCustomer, me, server } from '@/test/server';
import MyDayPage from './MyDayPage';

const overdue = makeTask({ id: '00000000-0000-7000-8000-0000000002b1', title: 'Call back about the invoice', priority: 'high', record_type: 'customer', record_id: CUSTOMER_ID });
const today = makeTask({ id: '00000000-0000-7000-8000-0000000002b2', title: 'Prepare the review' });
const birthday = makeTask({ id: '00000000-0000-7000-8000-0000000002b3', title: 'Birthday: Kim Minji', source: 'reminder', reminder_key: 'birthday:x:2026' });

function serveTasks() {
  const seen: URLSearchParams[] = [];
  server.use(
    http.get(`${API}/tasks`, ({ request }) => {
      const q = new URL(request.url).searchParams;
      seen.push(q);
      const items = q.get('view') === 'overdue' ? [overdue] : q.get('view') === 'today' ? [today] : q.get('source') === 'reminder' ? [birthday] : [];
      return HttpResponse.json({ items, next_cursor: null });
    }),
    http.get(`${API}/customers/:id`, () => HttpResponse.json(makeCustomer({ id: CUSTOMER_ID, name: 'Acme Corp' }))),
  );
  return seen;
}

describe('MyDayPage', () => {
  it('asks for the three views in the browser time zone and the week of reminders', async () => {
    logIn();
    const seen = serveTasks();
    renderRoute(<MyDayPage />, { path: '/my-day', pattern: '/my-day' });
    const overdueList = await screen.findByRole('list', { name: 'Overdue' });
    expect(within(overdueList).getByText('Call back about the invoice')).toBeInTheDocument();
    expect(within(overdueList).getByText('High')).toBeInTheDocument();
    expect(await within(overdueList).findByRole('link', { name: 'Acme Corp' })).toHaveAttribute('href', `/customers/${CUSTOMER_ID}`);
    expect(await screen.findByRole('list', { name: 'Today' })).toHaveTextContent('Prepare the review');
    expect(await screen.findByText('Nothing planned for the next two weeks.')).toBeInTheDocument();
    expect(await screen.findByText('Birthday: Kim Minji')).toBeInTheDocument();

    const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const views = seen.filter((q) => q.has('view'));
    expect(views.map((q) => q.get('view')).sort()).toEqual(['overdue', 'today', 'upcoming']);
    for (const q of views) expect(q.get('tz')).toBe(tz);
    const week = seen.find((q) => q.get('source') === 'reminder')!;
    expect(week.get('status')).toBe('open');
    expect(week.get('assignee_id')).toBe(me.id);
    expect(week.get('sort')).toBe('due_at');
    const from = new Date(week.get('due_at[gte]')!);
    const to = new Date(week.get('due_at[lt]')!);
    expect(from.getHours()).toBe(0);
    expect(Math.round((to.getTime() - from.getTime()) / 86_400_000)).toBe(7);
  });

  it('completes a task with If-Match and reschedules another to tomorrow', async () => {
    logIn();
    serveTasks();
    const patches: { id: string; body: unknown; ifMatch: string | null }[] = [];
    server.use(
      http.patch(`${API}/tasks/:id`, async ({ request, params }) => {
        const body = (await request.json()) as Record<string, unknown>;
        patches.push({ id: String(params.id), body, ifMatch: request.headers.get('if-match') });
        return HttpResponse.json({ ...overdue, ...body, version: 3 });
      }),
    );
    renderRoute(<MyDayPage />, { path: '/my-day', pattern: '/my-day' });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('checkbox', { name: 'Complete “Call back about the invoice”' }));
    await waitFor(() => expect(patches[0]).toEqual({ id: overdue.id, body: { status: 'done' }, ifMatch: '"2"' }));

    await user.click(screen.getByRole('button', { name: 'Reschedule “Prepare the review”' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Tomorrow', hidden: true }));
    await waitFor(() => expect(patches).toHaveLength(2));
    const due = new Date((patches[1]!.body as { due_at: string }).due_at);
    const tomorrow = new Date();
    tomorrow.setDate(tomorrow.getDate() + 1);
    expect(due.toDateString()).toBe(tomorrow.toDateString());
  });

  it('adds a task from the quick form', async () => {
    logIn();
    serveTasks();
    let created: Record<string, unknown> | undefined;
    server.use(
      http.post(`${API}/tasks`, async ({ request }) => {
        created = (await request.json()) as Record<string, unknown>;
        return HttpResponse.json(makeTask({ title: String(created.title) }), { status: 201 });
      }),
    );
    renderRoute(<MyDayPage />, { path: '/my-day', pattern: '/my-day' });
    const user = userEvent.setup();
    const form = await screen.findByRole('region', { name: 'New task' });
    await user.click(within(form).getByRole('button', { name: 'Add task' }));
    expect(await within(form).findByText('Enter a title')).toBeInTheDocument();
    await user.type(within(form).getByRole('textbox', { name: 'Title' }), 'Order samples');
    await user.click(within(form).getByRole('button', { name: 'Add task' }));
    await waitFor(() => expect(created).toMatchObject({ title: 'Order samples', priority: 'normal', recurrence: 'none' }));
    expect(typeof created?.due_at).toBe('string');
    await waitFor(() => expect(within(form).getByRole('textbox', { name: 'Title' })).toHaveValue(''));
  });
});
