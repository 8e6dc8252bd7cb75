import { describe, expect, it } from 'vitest';
import { makeBoard, makeDeal, stages } from '@/test/deals';
import { moveInBoard } from './use-move-deal';

describe('moveInBoard', () => {
  it('moves the card and its money between columns exactly', () => {
    const a = makeDeal({ amount: '1000.10', weighted_amount: '200.02' });
    const board = makeBoard([a]);
    board.columns[0]!.total = '1000.10';
    board.columns[0]!.weighted_total = '200.02';
    const next = moveInBoard(board, a.id, stages.proposal.id, 0);
    const [q, p] = next.columns;
    expect(q).toMatchObject({ count: 0, total: '0.00', weighted_total: '0.00', deals: [] });
    expect(p).toMatchObject({ count: 1, total: '1000.10', weighted_total: '600.06' });
    expect(p!.deals[0]).toMatchObject({ id: a.id, stage_id: stages.proposal.id, probability: 60, weighted_amount: '600.06' });
    // The original snapshot is untouched (it is what a rollback restores).
    expect(board.columns[0]!.deals).toHaveLength(1);
  });

  it('reorders within a column without touching totals', () => {
    const a = makeDeal();
    const b = makeDeal({ id: '00000000-0000-7000-8000-00000000d002', name: 'B' });
    const board = makeBoard([a, b]);
    const next = moveInBoard(board, a.id, stages.qualified.id, 1);
    expect(next.columns[0]!.deals.map((d) => d.name)).toEqual(['B', 'Acme renewal']);
    expect(next.columns[0]).toMatchObject({ count: 2, total: board.columns[0]!.total });
  });
});
