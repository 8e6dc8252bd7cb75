import { Group, ScrollArea } from '@mantine/core';
import {
  closestCorners,
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type DragStartEvent,
  type UniqueIdentifier,
} from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { notifications } from '@mantine/notifications';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/api/errors';
import type { Board, Deal } from '../api/types';
import { useMoveDeal } from '../api/use-move-deal';
import { BoardColumnView, type ColumnMore } from './BoardColumnView';
import { DealCardContent } from './DealCard';
import { LostReasonModal } from './LostReasonModal';

interface PendingLost {
  deal: Deal;
  stageId: string;
  stageName: string;
  position: number;
}

interface Target {
  stageId: string;
  position: number;
}

/** Where a drop lands: on a column (its end) or on a card (that card's index). */
export function resolveDrop(board: Board, activeId: string, overId: UniqueIdentifier): Target | null {
  const over = String(overId);
  if (over.startsWith('stage:')) {
    const stageId = over.slice('stage:'.length);
    const col = board.columns.find((c) => c.stage.id === stageId);
    if (!col) return null;
    return { stageId, position: col.deals.filter((d) => d.id !== activeId).length };
  }
  for (const col of board.columns) {
    const idx = col.deals.findIndex((d) => d.id === over);
    if (idx >= 0) return { stageId: col.stage.id, position: idx };
  }
  return null;
}

function locate(board: Board, dealId: string) {
  for (const col of board.columns) {
    const idx = col.deals.findIndex((d) => d.id === dealId);
    if (idx >= 0) return { column: col, index: idx, deal: col.deals[idx] as Deal };
  }
  return null;
}

/** Drag-and-drop board (mouse and keyboard) with optimistic moves and spoken announcements. */
export function DealBoard({ board, boardKey, more }: { board: Board; boardKey: readonly unknown[]; more?: ColumnMore }) {
  const { t } = useTranslation();
  const { move: moveDeal, isPending: moving } = useMoveDeal();
  const [activeId, setActiveId] = useState<string | null>(null);
  const [pendingLost, setPendingLost] = useState<PendingLost | null>(null);
  const [lostError, setLostError] = useState<unknown>(null);

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  // Announcements read names through a ref so the callbacks stay stable during a drag.
  const boardRef = useRef(board);
  boardRef.current = board;
  const nameOf = useCallback((id: UniqueIdentifier | undefined) => {
    if (id === undefined) return '';
    const b = boardRef.current;
    const s = String(id);
    if (s.startsWith('stage:')) return b.columns.find((c) => `stage:${c.stage.id}` === s)?.stage.name ?? '';
    return locate(b, s)?.deal.name ?? '';
  }, []);
  const stageOf = useCallback((id: UniqueIdentifier | undefined) => {
    if (id === undefined) return '';
    const target = resolveDrop(boardRef.current, '', id);
    return boardRef.current.columns.find((c) => c.stage.id === target?.stageId)?.stage.name ?? '';
  }, []);

  const announcements = useMemo<Announcements>(
    () => ({
      onDragStart: ({ active }) => t('deals.board.announce.start', { deal: nameOf(active.id), stage: stageOf(active.id) }),
      onDragOver: ({ active, over }) =>
        over
          ? t('deals.board.announce.over', { deal: nameOf(active.id), stage: stageOf(over.id) })
          : t('deals.board.announce.outside', { deal: nameOf(active.id) }),
      onDragEnd: ({ active, over }) =>
        over
          ? t('deals.board.announce.end', { deal: nameOf(active.id), stage: stageOf(over.id) })
          : t('deals.board.announce.cancel', { deal: nameOf(active.id) }),
      onDragCancel: ({ active }) => t('deals.board.announce.cancel', { deal: nameOf(active.id) }),
    }),
    [t, nameOf, stageOf],
  );

  const doMove = useCallback(
    (deal: Deal, target: Target, lost?: { reasonId: string; note: string }) => {
      moveDeal(
        { deal, stageId: target.stageId, position: target.position, lostReasonId: lost?.reasonId, lostReasonNote: lost?.note, boardKey },
        {
          onSuccess: () => {
            setPendingLost(null);
            setLostError(null);
          },
          onError: (e) => {
            if (lost && isApiError(e, 422)) {
              setLostError(e);
              return;
            }
            setPendingLost(null);
            notifications.show({
              color: 'red',
              title: t('deals.board.moveFailed', { deal: deal.name }),
              message: isApiError(e, 412)
                ? t('deals.board.moveStale')
                : isApiError(e)
                  ? (e.problem?.detail ?? e.problem?.title ?? e.message)
                  : t('common.networkError'),
            });
          },
        },
      );
    },
    [moveDeal, boardKey, t],
  );

  const onDragStart = useCallback((e: DragStartEvent) => setActiveId(String(e.active.id)), []);
  const onDragCancel = useCallback(() => setActiveId(null), []);
  const onDragEnd = useCallback(
    (e: DragEndEvent) => {
      setActiveId(null);
      const b = boardRef.current;
      if (!e.over) return;
      const from = locate(b, String(e.active.id));
      const target = resolveDrop(b, String(e.active.id), e.over.id);
      if (!from || !target) return;
      if (from.column.stage.id === target.stageId && from.index === target.position) return;
      const targetCol = b.columns.find((c) => c.stage.id === target.stageId);
      if (targetCol?.stage.kind === 'lost' && from.column.stage.id !== target.stageId) {
        setLostError(null);
        setPendingLost({ deal: from.deal, stageId: target.stageId, stageName: targetCol.stage.name, position: target.position });
        return;
      }
      doMove(from.deal, target);
    },
    [doMove],
  );

  const active = activeId ? locate(board, activeId)?.deal : undefined;

  return (
    <>
      <DndContext
        sensors={sensors}
        collisionDetection={closestCorners}
        onDragStart={onDragStart}
        onDragEnd={onDragEnd}
        onDragCancel={onDragCancel}
        accessibility={{ announcements, screenReaderInstructions: { draggable: t('deals.board.instructions') } }}
      >
        <ScrollArea type="auto" offsetScrollbars>
          <Group align="flex-start" wrap="nowrap" gap="sm" pb="sm" aria-label={t('deals.board.title')} role="group">
            {board.columns.map((c) => (
              <BoardColumnView key={c.stage.id} column={c} currency={board.base_currency} more={more} />
            ))}
          </Group>
        </ScrollArea>
        <DragOverlay>{active ? <DealCardContent deal={active} overlay /> : null}</DragOverlay>
      </DndContext>
      {pendingLost && (
        <LostReasonModal
          opened
          dealName={pendingLost.deal.name}
          stageName={pendingLost.stageName}
          loading={moving}
          error={lostError}
          onCancel={() => {
            setPendingLost(null);
            setLostError(null);
          }}
          onConfirm={(reasonId, note) =>
            doMove(pendingLost.deal, { stageId: pendingLost.stageId, position: pendingLost.position }, { reasonId, note })
          }
        />
      )}
    </>
  );
}
