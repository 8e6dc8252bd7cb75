import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { makeDeal, makeQuote } from '@/test/deals';
import { logIn, renderRoute } from '@/test/render';
import { API, me, server } from '@/test/server';
import { QuotesPanel } from './QuotesPanel';

describe('QuotesPanel', () => {
  it('lets a manager approve a pending quote with a comment (If-Match), then send it and copy the link', async () => {
    logIn();
    let quote = makeQuote();
    let approval: { comment?: string; ifMatch: string | null } | undefined;
    server.use(
      http.get(`${API}/users/me`, () => HttpResponse.json({ ...me, role: 'manager' })),
      http.get(`${API}/deals/:id/quotes`, () => HttpResponse.json({ items: [quote], next_cursor: null })),
      http.post(`${API}/quotes/:id/approve`, async ({ request }) => {
        approval = { ...((await request.json()) as { comment?: string }), ifMatch: request.headers.get('if-match') };
        quote = { ...quote, status: 'approved', version: 4 };
        return HttpResponse.json(quote);
      }),
      http.post(`${API}/quotes/:id/send`, () => {
        quote = { ...quote, status: 'sent', link_active: true, version: 5 };
        return HttpResponse.json({ quote, public_url: 'https://crm.test/q/abc123', api_url: '/api/v1/public/quotes/abc123', expires_at: '2026-04-01T00:00:00Z' });
      }),
    );
    renderRoute(<QuotesPanel deal={makeDeal()} />);
    const card = await screen.findByTestId('quote-card');
    expect(card).toHaveTextContent('Q-2026-0001 · v1');
    expect(card).toHaveTextContent('Awaiting approval');
    expect(card).toHaveTextContent('₩990,000');

    const user = userEvent.setup();
    await user.click(await within(card).findByRole('button', { name: 'Approve' }));
    const dialog = await screen.findByRole('dialog', { name: 'Approve quote' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Comment' }), 'Discount agreed with CFO');
    await user.click(within(dialog).getByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(approval).toEqual({ comment: 'Discount agreed with CFO', ifMatch: '"3"' }));
    expect(await within(await screen.findByTestId('quote-card')).findByText('Approved')).toBeInTheDocument();

    await user.click(within(screen.getByTestId('quote-card')).getByRole('button', { name: 'Send' }));
    const linkDialog = await screen.findByRole('dialog', { name: 'Public link' });
    expect(within(linkDialog).getByRole('textbox', { name: 'Link' })).toHaveValue('https://crm.test/q/abc123');
    expect(within(linkDialog).getByRole('button', { name: 'Copy link' })).toBeInTheDocument();
  });

  it('hides approve and reject from sales reps', async () => {
    logIn();
    server.use(
      http.get(`${API}/users/me`, () => HttpResponse.json({ ...me, role: 'sales' })),
      http.get(`${API}/deals/:id/quotes`, () => HttpResponse.json({ items: [makeQuote()], next_cursor: null })),
    );
    renderRoute(<QuotesPanel deal={makeDeal()} />);
    const card = await screen.findByTestId('quote-card');
    expect(card).toHaveTextContent('Awaiting approval');
    expect(within(card).queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();
  });

  it('shows a relative public link as an absolute URL on this origin', async () => {
    logIn();
    let quote = makeQuote({ status: 'approved', approval: null });
    server.use(
      http.get(`${API}/users/me`, () => HttpResponse.json({ ...me, role: 'sales' })),
      http.get(`${API}/deals/:id/quotes`, () => HttpResponse.json({ items: [quote], next_cursor: null })),
      http.post(`${API}/quotes/:id/send`, () => {
        quote = { ...quote, status: 'sent', link_active: true, version: 4 };
        return HttpResponse.json({ quote, public_url: '/q/tok123', api_url: '/api/v1/public/quotes/tok123', expires_at: '2026-04-01T00:00:00Z' });
      }),
    );
    renderRoute(<QuotesPanel deal={makeDeal()} />);
    const user = userEvent.setup();
    await user.click(await within(await screen.findByTestId('quote-card')).findByRole('button', { name: 'Send' }));
    const linkDialog = await screen.findByRole('dialog', { name: 'Public link' });
    expect(within(linkDialog).getByRole('textbox', { name: 'Link' })).toHaveValue(`${window.location.origin}/q/tok123`);
  });
});
