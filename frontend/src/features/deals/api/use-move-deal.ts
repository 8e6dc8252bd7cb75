import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { fromMinor, toMinor } from '@/lib/money';
import { dealKeys } from './keys';
import type { Board, Deal } from './types';

export interface MoveDealInput {
  deal: Deal;
  stageId: string;
  /** 0-based index in the target column. */
  position: number;
  lostReasonId?: string;
  lostReasonNote?: string;
  /** The board the card was dragged on (optimistic update + rollback). */
  boardKey: readonly unknown[];
}

/**
 * Move a card in a board snapshot. Counts follow at once; money totals too when the deal is in the
 * board's base currency (exact minor-unit arithmetic; the refetch brings the server's figures).
 */
export function moveInBoard(board: Board, dealId: string, stageId: string, position: number): Board {
  let moved: Deal | undefined;
  const sameCurrency = (d: Deal) => d.currency === board.base_currency;
  const without = board.columns.map((c) => {
    const idx = c.deals.findIndex((d) => d.id === dealId);
    if (idx < 0) return c;
    const d = c.deals[idx] as Deal;
    moved = d;
    if (c.stage.id === stageId) return { ...c, deals: c.deals.filter((x) => x.id !== dealId) };
    return {
      ...c,
      count: c.count - 1,
      deals: c.deals.filter((x) => x.id !== dealId),
      ...(sameCurrency(d)
        ? {
            total: fromMinor(toMinor(c.total) - toMinor(d.amount)),
            weighted_total: fromMinor(toMinor(c.weighted_total) - toMinor(d.weighted_amount)),
          }
        : {}),
    };
  });
  if (!moved) return board;
  const from = moved;
  const target = without.find((c) => c.stage.id === stageId);
  const probability = target ? (from.probability_override ?? target.stage.probability) : from.probability;
  const weighted = fromMinor((toMinor(from.amount) * BigInt(probability) + 50n) / 100n);
  const deal: Deal = {
    ...from,
    stage_id: stageId,
    stage_name: target?.stage.name ?? from.stage_name,
    probability,
    weighted_amount: weighted,
  };
  return {
    ...board,
    columns: without.map((c) => {
      if (c.stage.id !== stageId) return c;
      const deals = [...c.deals];
      deals.splice(Math.max(0, Math.min(position, deals.length)), 0, deal);
      const moving = from.stage_id !== stageId;
      return {
        ...c,
        count: moving ? c.count + 1 : c.count,
        deals,
        ...(moving && sameCurrency(from)
          ? {
              total: fromMinor(toMinor(c.total) + toMinor(from.amount)),
              weighted_total: fromMinor(toMinor(c.weighted_total) + toMinor(weighted)),
            }
          : {}),
      };
    }),
  };
}

type MoveVariables = MoveDealInput & { previous?: Board };

/**
 * POST /deals/{id}/move with If-Match. `move` updates the board synchronously (same render as the
 * drop), restores the snapshot when the server refuses, and refetches afterwards for the
 * converted totals.
 */
export function useMoveDeal() {
  const qc = useQueryClient();
  const mutation = useMutation({
    mutationFn: async ({ deal, stageId, position, lostReasonId, lostReasonNote }: MoveVariables) =>
      unwrap(
        await api.POST('/deals/{deal_id}/move', {
          params: { path: { deal_id: deal.id }, header: { 'if-match': `"${deal.version}"` } },
          body: {
            stage_id: stageId,
            position,
            ...(lostReasonId ? { lost_reason_id: lostReasonId } : {}),
            ...(lostReasonNote ? { lost_reason_note: lostReasonNote } : {}),
          },
        }),
      ),
    onError: (_e, { boardKey, previous }) => {
      if (previous) qc.setQueryData(boardKey, previous);
    },
    onSuccess: (updated) => {
      qc.setQueryData(dealKeys.detail(updated.id), updated);
      void qc.invalidateQueries({ queryKey: dealKeys.stageHistory(updated.id) });
      void qc.invalidateQueries({ queryKey: dealKeys.history(updated.id) });
      void qc.invalidateQueries({ queryKey: dealKeys.lists() });
    },
    onSettled: (_d, _e, { boardKey }) => qc.invalidateQueries({ queryKey: boardKey }),
  });
  const { mutate } = mutation;
  const move = useCallback(
    (input: MoveDealInput, options?: Parameters<typeof mutate>[1]) => {
      // A refetch still in flight (from the previous move) must not overwrite the optimistic board.
      void qc.cancelQueries({ queryKey: input.boardKey });
      const previous = qc.getQueryData<Board>(input.boardKey);
      if (previous) qc.setQueryData<Board>(input.boardKey, moveInBoard(previous, input.deal.id, input.stageId, input.position));
      mutate({ ...input, previous }, options);
    },
    [qc, mutate],
  );
  return { move, isPending: mutation.isPending };
}
