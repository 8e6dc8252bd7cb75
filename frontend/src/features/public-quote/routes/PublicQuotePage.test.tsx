import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import type { components } from '@/api/schema.gen';
import { session } from '@/api/session';
import { renderRoute } from '@/test/render';
import { API, problem, server } from '@/test/server';
import PublicQuotePage from './PublicQuotePage';

type S = components['schemas'];

const TOKEN = 'tok-abc123';

function makePublicQuote(overrides: Partial<S['PublicQuote']> = {}): S['PublicQuote'] {
  return {
    number: 'Q-2026-0007',
    revision: 2,
    status: 'sent',
    valid_until: '2026-04-30',
    currency: 'KRW',
    lines: [
      {
        product_id: null,
        description: 'Widget Pro',
        quantity: '4',
        unit_price: '250000.00',
        discount_percent: '25',
        tax_percent: '10',
        net_amount: '750000.00',
        tax_amount: '75000.00',
        total_amount: '825000.00',
      },
      {
        product_id: null,
        description: 'Onboarding workshop',
        quantity: '1',
        unit_price: '300000.00',
        discount_percent: '0',
        tax_percent: '0',
        net_amount: '300000.00',
        tax_amount: '0.00',
        total_amount: '300000.00',
      },
    ],
    subtotal: '1300000.00',
    discount_total: '250000.00',
    tax_total: '75000.00',
    total: '1125000.00',
    notes: null,
    sent_at: '2026-04-01T09:00:00Z',
    content_sha256: 'a'.repeat(64),
    accepted_name: null,
    accepted_at: null,
    declined_at: null,
    ...overrides,
  };
}

function renderPage() {
  return renderRoute(<PublicQuotePage />, { path: `/q/${TOKEN}`, pattern: '/q/:token' });
}

describe('PublicQuotePage', () => {
  it('renders the lines and totals of the quote, without a login', async () => {
    let auth: string | null = 'unset';
    server.use(
      http.get(`${API}/public/quotes/:token`, ({ request, params }) => {
        auth = request.headers.get('authorization');
        expect(params.token).toBe(TOKEN);
        return HttpResponse.json(makePublicQuote());
      }),
    );
    renderPage();
    expect(await screen.findByRole('heading', { name: 'Quote Q-2026-0007', level: 1 })).toBeInTheDocument();
    expect(screen.getByText('Revision 2')).toBeInTheDocument();
    expect(screen.getByText('Awaiting your response')).toBeInTheDocument();
    expect(screen.getByText('April 30, 2026')).toBeInTheDocument();

    const lines = screen.getByRole('table', { name: 'Quote lines' });
    const widget = within(lines).getByRole('row', { name: /Widget Pro/ });
    expect(widget).toHaveTextContent('₩250,000');
    expect(widget).toHaveTextContent('25%');
    expect(widget).toHaveTextContent('10%');
    expect(widget).toHaveTextContent('₩825,000');
    expect(within(lines).getByRole('row', { name: /Onboarding workshop/ })).toHaveTextContent('₩300,000');

    const totals = screen.getByRole('table', { name: 'Totals' });
    expect(within(totals).getByRole('row', { name: /Subtotal/ })).toHaveTextContent('₩1,300,000');
    expect(within(totals).getByRole('row', { name: /Discount/ })).toHaveTextContent('−₩250,000');
    expect(within(totals).getByRole('row', { name: /Tax/ })).toHaveTextContent('₩75,000');
    expect(screen.getByTestId('public-quote-total')).toHaveTextContent('₩1,125,000');
    expect(auth).toBeNull();
    expect(screen.getByRole('button', { name: 'Accept quote' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Decline' })).toBeInTheDocument();
  });

  it('accepts only with a typed name, posts it and shows the confirmation with the time', async () => {
    // A stale CRM session in this browser must not be sent or refreshed.
    session.set({ access_token: 'stale', refresh_token: 'stale' });
    let posted: unknown;
    server.use(
      http.get(`${API}/public/quotes/:token`, () => HttpResponse.json(makePublicQuote())),
      http.post(`${API}/public/quotes/:token/accept`, async ({ request }) => {
        expect(request.headers.get('authorization')).toBeNull();
        posted = await request.json();
        return HttpResponse.json(
          makePublicQuote({ status: 'accepted', accepted_name: 'Kim Minji', accepted_at: '2026-04-02T01:30:00Z' }),
        );
      }),
    );
    renderPage();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Accept quote' }));
    const form = screen.getByRole('form', { name: 'Accept this quote' });
    expect(form).toHaveTextContent('₩1,125,000');

    await user.click(within(form).getByRole('button', { name: 'Confirm and accept' }));
    expect(await within(form).findByText('Enter your full name to accept the quote')).toBeInTheDocument();
    expect(posted).toBeUndefined();

    await user.type(within(form).getByRole('textbox', { name: /Full name/ }), '  Kim Minji ');
    await user.click(within(form).getByRole('button', { name: 'Confirm and accept' }));
    await waitFor(() => expect(posted).toEqual({ name: 'Kim Minji' }));

    const status = await screen.findByRole('status');
    expect(status).toHaveTextContent('Thank you! You accepted this quote.');
    expect(status).toHaveTextContent(/Accepted by Kim Minji on Apr 2, 2026/);
    expect(screen.queryByRole('button', { name: 'Accept quote' })).not.toBeInTheDocument();
    expect(screen.getByText('Accepted')).toBeInTheDocument();
    expect(session.get()).not.toBeNull();
  });

  it('declines only with a reason', async () => {
    let posted: unknown;
    server.use(
      http.get(`${API}/public/quotes/:token`, () => HttpResponse.json(makePublicQuote())),
      http.post(`${API}/public/quotes/:token/decline`, async ({ request }) => {
        posted = await request.json();
        return HttpResponse.json(makePublicQuote({ status: 'rejected', declined_at: '2026-04-02T01:30:00Z' }));
      }),
    );
    renderPage();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Decline' }));
    const form = screen.getByRole('form', { name: 'Decline this quote' });
    await user.click(within(form).getByRole('button', { name: 'Decline quote' }));
    expect(await within(form).findByText('Tell us why you are declining')).toBeInTheDocument();
    await user.type(within(form).getByRole('textbox', { name: /Reason/ }), 'Over budget');
    await user.click(within(form).getByRole('button', { name: 'Decline quote' }));
    await waitFor(() => expect(posted).toEqual({ reason: 'Over budget' }));
    expect(await screen.findByRole('status')).toHaveTextContent('You declined this quote');
  });

  it('shows an already accepted quote without actions', async () => {
    server.use(
      http.get(`${API}/public/quotes/:token`, () =>
        HttpResponse.json(makePublicQuote({ status: 'accepted', accepted_name: 'Kim Minji', accepted_at: '2026-04-02T01:30:00Z' })),
      ),
    );
    renderPage();
    expect(await screen.findByRole('status')).toHaveTextContent('This quote has been accepted');
    expect(screen.queryByRole('button', { name: 'Accept quote' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Decline' })).not.toBeInTheDocument();
  });

  it('says the link is invalid or expired on a 404', async () => {
    server.use(http.get(`${API}/public/quotes/:token`, () => problem(404, 'Not Found', { detail: 'Quote not found.' })));
    renderPage();
    expect(await screen.findByRole('heading', { name: 'This link is invalid or has expired' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Accept quote' })).not.toBeInTheDocument();
  });

  it('shows the problem detail for other errors', async () => {
    server.use(http.get(`${API}/public/quotes/:token`, () => problem(429, 'Too Many Requests', { detail: 'Slow down, please.' })));
    renderPage();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The quote could not be loaded');
    expect(alert).toHaveTextContent('Slow down, please.');
  });

  it('switches to Korean', async () => {
    server.use(http.get(`${API}/public/quotes/:token`, () => HttpResponse.json(makePublicQuote())));
    renderPage();
    await screen.findByRole('heading', { name: 'Quote Q-2026-0007', level: 1 });
    const user = userEvent.setup();
    await user.click(screen.getByText('한국어'));
    expect(await screen.findByRole('heading', { name: '견적서 Q-2026-0007', level: 1 })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '견적 수락' })).toBeInTheDocument();
    expect(screen.getByText('2026년 4월 30일')).toBeInTheDocument();
  });
});
