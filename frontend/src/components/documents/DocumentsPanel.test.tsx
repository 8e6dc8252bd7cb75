import { screen, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { logIn, renderRoute } from '@/test/render';
import { API, problem, server } from '@/test/server';
import { DocumentsPanel } from './DocumentsPanel';
import { DEAL_ID, makeDocument } from './test-data';

function renderPanel() {
  return renderRoute(<DocumentsPanel record={{ type: 'deal', id: DEAL_ID }} />, { path: `/deals/${DEAL_ID}?tab=documents`, pattern: '/deals/:dealId' });
}

describe('DocumentsPanel', () => {
  it("lists the record's documents with their links, size, version and owner", async () => {
    logIn();
    let query: URLSearchParams | null = null;
    server.use(
      http.get(`${API}/documents`, ({ request }) => {
        query = new URL(request.url).searchParams;
        return HttpResponse.json({ items: [makeDocument({ current_version: 2 })], next_cursor: null });
      }),
    );
    renderPanel();
    const table = await screen.findByRole('table', { name: 'Documents' });
    const row = within(table).getByTestId('document-row');
    expect(within(row).getByRole('button', { name: 'Proposal.pdf' })).toBeInTheDocument();
    expect(within(row).getByRole('link', { name: 'Deal: Initech rollout' })).toHaveAttribute('href', `/deals/${DEAL_ID}`);
    expect(within(row).getByText('1.4 MB')).toBeInTheDocument();
    expect(within(row).getByText('v2')).toBeInTheDocument();
    expect(within(row).getByText('Ada Admin')).toBeInTheDocument();
    expect(query!.get('deal_id')).toBe(DEAL_ID);
    expect(screen.getByRole('button', { name: /Upload files/ })).toBeInTheDocument();
  });

  it('offers to choose files when the record has none', async () => {
    logIn();
    server.use(http.get(`${API}/documents`, () => HttpResponse.json({ items: [], next_cursor: null })));
    renderPanel();
    expect(await screen.findByText('No documents here yet')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Choose files' })).toBeInTheDocument();
  });

  it('shows the problem in words when the list fails', async () => {
    logIn();
    server.use(http.get(`${API}/documents`, () => problem(503, 'Service unavailable', { detail: 'The database is down.' })));
    renderPanel();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Service unavailable');
    expect(alert).toHaveTextContent('The database is down.');
    expect(within(alert).getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });
});
