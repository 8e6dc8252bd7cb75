import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { components } from '@/api/schema.gen';
import { lostReasons, makeBoard, makeDeal, makePipeline, stages, stubBoardLayout } from '@/test/deals';
import { logIn, renderRoute } from '@/test/render';
import i18n from '@/i18n';
import { API, problem, server } from '@/test/server';
import DealsBoardPage from './DealsBoardPage';

type S = components['schemas'];

const acme = makeDeal();
const globex = makeDeal({ id: '00000000-0000-7000-8000-00000000d002', name: 'Globex pilot', customer_name: 'Globex', amount: '3000000.00', rotting: true, days_in_stage: 21 });

function mockBoard(board = makeBoard([acme, globex])) {
  server.use(
    http.get(`${API}/pipelines`, () => HttpResponse.json({ items: [makePipeline()], next_cursor: null })),
    http.get(`${API}/deals/board`, () => HttpResponse.json(board)),
    http.get(`${API}/lost-reasons`, () => HttpResponse.json({ items: lostReasons, next_cursor: null })),
  );
}

function column(name: string) {
  return screen.getByRole('region', { name });
}

/** Keyboard drag: focus the card, Space to lift, arrows to move, Space to drop. */
async function keyboardMove(dealName: string, steps: number) {
  const card = screen.getByRole('button', { name: `Deal ${dealName}` });
  card.focus();
  fireEvent.keyDown(card, { code: 'Space', key: ' ' });
  for (let i = 0; i < steps; i++) {
    await new Promise((r) => setTimeout(r, 20));
    fireEvent.keyDown(document.activeElement ?? card, { code: 'ArrowRight', key: 'ArrowRight' });
  }
  await new Promise((r) => setTimeout(r, 20));
  fireEvent.keyDown(document.activeElement ?? card, { code: 'Space', key: ' ' });
}

describe('DealsBoardPage', () => {
  let restoreLayout: () => void;
  beforeEach(() => {
    restoreLayout = stubBoardLayout();
  });
  afterEach(() => restoreLayout());

  it('renders one column per stage with count, total and weighted total', async () => {
    logIn();
    mockBoard();
    renderRoute(<DealsBoardPage />, { path: '/deals/board', pattern: '/deals/board' });
    await screen.findByRole('region', { name: 'Qualified' });
    const qualified = column('Qualified');
    expect(within(qualified).getByLabelText('2 deals')).toHaveTextContent('2');
    expect(within(qualified).getByText('Total ₩15,500,000')).toBeInTheDocument();
    expect(within(qualified).getByText('Weighted ₩3,100,000')).toBeInTheDocument();
    expect(within(qualified).getByText('Acme renewal')).toBeInTheDocument();
    expect(within(qualified).getByText('₩12,500,000')).toBeInTheDocument();
    expect(within(qualified).getByText('Rotting')).toBeInTheDocument();
    expect(within(column('Proposal')).getByText('Drop deals here')).toBeInTheDocument();
    expect(screen.getByText('2 deals')).toBeInTheDocument();
  });

  it('shows more cards per column on request, then points at the list', async () => {
    logIn();
    const asked: (string | null)[] = [];
    server.use(
      http.get(`${API}/pipelines`, () => HttpResponse.json({ items: [makePipeline()], next_cursor: null })),
      http.get(`${API}/deals/board`, ({ request }) => {
        const perStage = new URL(request.url).searchParams.get('per_stage');
        asked.push(perStage);
        const board = makeBoard(Number(perStage) >= 50 ? [acme, globex] : [acme]);
        const qualified = board.columns.find((c) => c.stage.id === stages.qualified.id)!;
        qualified.count = 230;
        qualified.more = true;
        qualified.next_cursor = 'c1';
        return HttpResponse.json(board);
      }),
    );
    const user = userEvent.setup();
    renderRoute(<DealsBoardPage />, { path: '/deals/board', pattern: '/deals/board' });
    const qualified = await screen.findByRole('region', { name: 'Qualified' });
    expect(within(qualified).getByText('229 more deals')).toBeInTheDocument();
    await user.click(within(qualified).getByRole('button', { name: 'Show more' }));
    expect(await within(column('Qualified')).findByText('Globex pilot')).toBeInTheDocument();
    expect(asked).toEqual(['25', '50']);
    for (let i = 0; i < 6; i++) await user.click(await within(column('Qualified')).findByRole('button', { name: 'Show more' }));
    await waitFor(() => expect(asked.at(-1)).toBe('200'));
    const link = await within(column('Qualified')).findByRole('link', { name: 'See them in the list' });
    expect(link).toHaveAttribute('href', `/deals?pipeline=${makePipeline().id}&stage=${stages.qualified.id}`);
  });

  it('formats the column money in Korean', async () => {
    logIn();
    mockBoard();
    await i18n.changeLanguage('ko');
    renderRoute(<DealsBoardPage />, { path: '/deals/board', pattern: '/deals/board' });
    const qualified = await screen.findByRole('region', { name: 'Qualified' });
    expect(within(qualified).getByText('합계 ₩15,500,000')).toBeInTheDocument();
    expect(within(qualified).getByText('가중 합계 ₩3,100,000')).toBeInTheDocument();
    expect(within(qualified).getByText('정체')).toBeInTheDocument();
  });

  it('moves a card with the keyboard and sends stage, position and If-Match', async () => {
    logIn();
    mockBoard();
    let body: S['DealMove'] | undefined;
    let ifMatch: string | null = null;
    server.use(
      http.post(`${API}/deals/:id/move`, async ({ request }) => {
        body = (await request.json()) as S['DealMove'];
        ifMatch = request.headers.get('if-match');
        return HttpResponse.json({ ...acme, stage_id: stages.proposal.id, stage_name: 'Proposal', version: 2 });
      }),
    );
    renderRoute(<DealsBoardPage />, { path: '/deals/board', pattern: '/deals/board' });
    await screen.findByRole('region', { name: 'Qualified' });
    await keyboardMove('Acme renewal', 1);
    await waitFor(() => expect(body).toEqual({ stage_id: stages.proposal.id, position: 0 }));
    expect(ifMatch).toBe('"1"');
  });

  it('rolls back a refused move and tells the user', async () => {
    logIn();
    mockBoard();
    let moves = 0;
    server.use(
      http.post(`${API}/deals/:id/move`, async () => {
        moves += 1;
        await new Promise((r) => setTimeout(r, 50));
        return problem(409, 'Stage is archived', { detail: 'Pick another stage.' });
      }),
    );
    renderRoute(<DealsBoardPage />, { path: '/deals/board', pattern: '/deals/board' });
    await screen.findByRole('region', { name: 'Qualified' });
    await keyboardMove('Acme renewal', 1);
    // Optimistic: the card is in Proposal at once...
    await waitFor(() => expect(within(column('Proposal')).getByText('Acme renewal')).toBeInTheDocument());
    // ...and back in Qualified once the server refuses, with a notification.
    expect(await screen.findByText('Could not move Acme renewal')).toBeInTheDocument();
    expect(screen.getByText('Pick another stage.')).toBeInTheDocument();
    await waitFor(() => expect(within(column('Qualified')).getByText('Acme renewal')).toBeInTheDocument());
    expect(within(column('Proposal')).queryByText('Acme renewal')).not.toBeInTheDocument();
    expect(moves).toBe(1);
  });

  it('asks for the lost reason before moving to a lost stage', async () => {
    logIn();
    mockBoard();
    let body: S['DealMove'] | undefined;
    server.use(
      http.post(`${API}/deals/:id/move`, async ({ request }) => {
        body = (await request.json()) as S['DealMove'];
        return HttpResponse.json({ ...acme, stage_id: stages.lost.id, status: 'lost', version: 2 });
      }),
    );
    renderRoute(<DealsBoardPage />, { path: '/deals/board', pattern: '/deals/board' });
    await screen.findByRole('region', { name: 'Qualified' });
    await keyboardMove('Acme renewal', 2);

    const dialog = await screen.findByRole('dialog', { name: 'Why was this deal lost?' });
    expect(body).toBeUndefined();
    const user = userEvent.setup();
    // Confirming without a reason is refused on the client.
    await user.click(within(dialog).getByRole('button', { name: 'Mark as lost' }));
    expect(await within(dialog).findByText('Pick a lost reason')).toBeInTheDocument();
    expect(body).toBeUndefined();

    await user.click(within(dialog).getByLabelText(/Lost reason/, { selector: 'input' }));
    await user.click(await screen.findByRole('option', { name: 'Price too high', hidden: true }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Note' }), 'Budget cut');
    await user.click(within(dialog).getByRole('button', { name: 'Mark as lost' }));
    await waitFor(() =>
      expect(body).toEqual({ stage_id: stages.lost.id, position: 0, lost_reason_id: lostReasons[0]?.id, lost_reason_note: 'Budget cut' }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('shows the empty state with a New deal action', async () => {
    logIn();
    mockBoard(makeBoard([]));
    renderRoute(<DealsBoardPage />, { path: '/deals/board', pattern: '/deals/board' });
    expect(await screen.findByText('No deals yet')).toBeInTheDocument();
    expect(screen.getAllByRole('link', { name: 'New deal' }).length).toBeGreaterThan(0);
  });

  it('shows problem details when the board fails', async () => {
    logIn();
    mockBoard();
    server.use(http.get(`${API}/deals/board`, () => problem(500, 'Server error', { detail: 'Try later' })));
    renderRoute(<DealsBoardPage />, { path: '/deals/board', pattern: '/deals/board' });
    expect(await screen.findByText('Try later', {}, { timeout: 8000 })).toBeInTheDocument();
    expect(screen.getByText('Try later').closest('[role=alert]')).toHaveTextContent('Server error');
  });
});
