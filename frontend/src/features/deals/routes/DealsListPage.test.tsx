import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { makeDeal, makePipeline, PIPELINE_ID, stages } from '@/test/deals';
import { logIn, renderRoute } from '@/test/render';
import { API, server } from '@/test/server';
import DealsListPage from './DealsListPage';

describe('DealsListPage', () => {
  it('sends the URL filters as field[op]=value params and sorts by a column', async () => {
    logIn();
    const seen: URLSearchParams[] = [];
    server.use(
      http.get(`${API}/pipelines`, () => HttpResponse.json({ items: [makePipeline()], next_cursor: null })),
      http.get(`${API}/deals`, ({ request }) => {
        seen.push(new URL(request.url).searchParams);
        return HttpResponse.json({ items: [makeDeal()], next_cursor: null });
      }),
    );
    renderRoute(<DealsListPage />, {
      path: `/deals?pipeline=${PIPELINE_ID}&stage=${stages.proposal.id}&status=open&min=1000&max=5000000.50&from=2026-01-01&to=2026-12-31`,
      pattern: '/deals',
    });
    const table = await screen.findByRole('table', { name: 'Deals' });
    expect(within(table).getByRole('link', { name: 'Acme renewal' })).toHaveAttribute('href', expect.stringMatching(/\/deals\/0+/));
    expect(within(table).getByText('₩12,500,000')).toBeInTheDocument();
    const q = seen.at(-1)!;
    expect(q.get('pipeline_id')).toBe(PIPELINE_ID);
    expect(q.get('stage_id')).toBe(stages.proposal.id);
    expect(q.get('status')).toBe('open');
    expect(q.get('amount[gte]')).toBe('1000');
    expect(q.get('amount[lte]')).toBe('5000000.50');
    expect(q.get('expected_close_date[gte]')).toBe('2026-01-01');
    expect(q.get('expected_close_date[lte]')).toBe('2026-12-31');
    expect(q.get('sort')).toBe('-created_at');

    await userEvent.setup().click(screen.getByRole('button', { name: 'Sort by Amount' }));
    await vi.waitFor(() => expect(seen.at(-1)?.get('sort')).toBe('-amount'));
  });
});
