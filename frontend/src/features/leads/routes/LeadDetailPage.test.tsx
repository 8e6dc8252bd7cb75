import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { makeLead } from '@/test/leads';
import { logIn, renderRoute } from '@/test/render';
import { API, problem, server } from '@/test/server';
import LeadDetailPage from './LeadDetailPage';

const lead = makeLead();

describe('LeadDetailPage', () => {
  it('shows the header, overview and score, and qualifies with If-Match', async () => {
    logIn();
    let ifMatch: string | null = null;
    server.use(
      http.get(`${API}/leads/:id`, () => HttpResponse.json(lead)),
      http.patch(`${API}/leads/:id`, async ({ request }) => {
        ifMatch = request.headers.get('if-match');
        return HttpResponse.json({ ...lead, status: 'qualified', version: 4 });
      }),
    );
    renderRoute(<LeadDetailPage />, { path: `/leads/${lead.id}`, pattern: '/leads/:leadId' });
    expect(await screen.findByRole('heading', { name: 'Grace Smith', level: 1 })).toBeInTheDocument();
    expect(screen.getByText('CTO · Lumen Analytics')).toBeInTheDocument();
    expect(screen.getByText('240 employees')).toBeInTheDocument();
    expect(screen.getByTestId('lead-score')).toHaveTextContent('64');

    await userEvent.setup().click(screen.getByRole('button', { name: 'Qualify' }));
    expect(await screen.findByText('Grace Smith is now Qualified')).toBeInTheDocument();
    expect(ifMatch).toBe('"3"');
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Qualify' })).not.toBeInTheDocument());
  });

  it('offers to reload on 412', async () => {
    logIn();
    server.use(
      http.get(`${API}/leads/:id`, () => HttpResponse.json(lead)),
      http.patch(`${API}/leads/:id`, () => problem(412, 'Precondition failed')),
    );
    renderRoute(<LeadDetailPage />, { path: `/leads/${lead.id}`, pattern: '/leads/:leadId' });
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Mark contacted' }));
    const dialog = await screen.findByRole('dialog', { name: 'This lead was changed by someone else' });
    expect(within(dialog).getByRole('button', { name: 'Reload latest' })).toBeInTheDocument();
  });

  it('links a converted lead to its company, person and deal', async () => {
    logIn();
    server.use(
      http.get(`${API}/leads/:id`, () =>
        HttpResponse.json(
          makeLead({
            status: 'converted',
            converted_at: '2026-03-05T00:00:00Z',
            converted_company_id: '00000000-0000-7000-8000-0000000000c1',
            converted_contact_id: '00000000-0000-7000-8000-0000000000c2',
            converted_deal_id: '00000000-0000-7000-8000-0000000000d1',
          }),
        ),
      ),
    );
    renderRoute(<LeadDetailPage />, { path: `/leads/${lead.id}`, pattern: '/leads/:leadId' });
    const links = await screen.findByTestId('converted-links');
    expect(within(links).getByRole('link', { name: 'Open the company' })).toHaveAttribute('href', '/customers/00000000-0000-7000-8000-0000000000c1');
    expect(within(links).getByRole('link', { name: 'Open the person' })).toHaveAttribute('href', '/customers/00000000-0000-7000-8000-0000000000c2');
    expect(within(links).getByRole('link', { name: 'Open the deal' })).toHaveAttribute('href', '/deals/00000000-0000-7000-8000-0000000000d1');
    expect(screen.queryByRole('button', { name: 'Convert' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Edit' })).not.toBeInTheDocument();
  });
});
