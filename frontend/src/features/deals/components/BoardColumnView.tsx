import { Anchor, Badge, Box, Button, Group, Paper, ScrollArea, Stack, Text, Tooltip } from '@mantine/core';
import { useDroppable } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMoney } from '@/lib/money';
import type { BoardColumn } from '../api/types';
import { SortableDealCard } from './DealCard';

const KIND_COLOR = { open: 'blue', won: 'green', lost: 'red' } as const;

/** What a column offers when it holds more deals than it shows. */
export interface ColumnMore {
  canShowMore: boolean;
  loading: boolean;
  onShowMore: () => void;
  listHref: (stageId: string) => string;
}

export const columnDroppableId = (stageId: string) => `stage:${stageId}`;

/** One stage: header with count, total and weighted total; its cards are a sortable list. */
export const BoardColumnView = memo(function BoardColumnView({
  column,
  currency,
  more,
}: {
  column: BoardColumn;
  currency: string;
  more?: ColumnMore;
}) {
  const { t } = useTranslation();
  const { money } = useMoney();
  const { stage } = column;
  const { setNodeRef, isOver } = useDroppable({ id: columnDroppableId(stage.id), data: { type: 'column', columnId: stage.id } });
  const ids = useMemo(() => column.deals.map((d) => d.id), [column.deals]);
  const headingId = `stage-heading-${stage.id}`;
  return (
    <Paper
      withBorder
      radius="md"
      p="xs"
      bg={isOver ? 'var(--mantine-color-blue-light)' : 'var(--mantine-color-gray-0)'}
      style={{ width: 280, flex: '0 0 280px', display: 'flex', flexDirection: 'column', maxHeight: 'calc(100vh - 220px)' }}
      component="section"
      aria-labelledby={headingId}
      data-testid="board-column"
      data-stage-id={stage.id}
    >
      <Stack gap={2} mb="xs">
        <Group justify="space-between" wrap="nowrap" gap={4}>
          <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
            <Text fw={700} size="sm" id={headingId} truncate>
              {stage.name}
            </Text>
            <Badge size="sm" variant="light" color="gray" aria-label={t('deals.board.count', { count: column.count })}>
              {column.count}
            </Badge>
          </Group>
          <Tooltip label={t('deals.board.probabilityTip')} withinPortal>
            <Badge size="xs" variant="outline" color={KIND_COLOR[stage.kind]}>
              {stage.kind === 'open' ? `${stage.probability}%` : t(`deals.kind.${stage.kind}`)}
            </Badge>
          </Tooltip>
        </Group>
        <Text size="xs" data-testid="column-total">
          {t('deals.board.total', { amount: money(column.total, currency) })}
        </Text>
        <Text size="xs" c="dimmed" data-testid="column-weighted">
          {t('deals.board.weighted', { amount: money(column.weighted_total, currency) })}
        </Text>
      </Stack>
      <ScrollArea.Autosize mah="100%" type="auto" offsetScrollbars style={{ flex: 1 }}>
        <SortableContext id={stage.id} items={ids} strategy={verticalListSortingStrategy}>
          <Box ref={setNodeRef} style={{ minHeight: 80 }}>
            <Stack gap={6}>
              {column.deals.map((d) => (
                <SortableDealCard key={d.id} deal={d} columnId={stage.id} />
              ))}
              {column.more && (
                <Stack gap={2} align="center" data-testid="column-more">
                  <Text size="xs" c="dimmed" ta="center">
                    {t('deals.board.notShown', { count: column.count - column.deals.length })}
                  </Text>
                  {more?.canShowMore ? (
                    <Button size="compact-xs" variant="subtle" loading={more.loading} onClick={more.onShowMore}>
                      {t('deals.board.showMore')}
                    </Button>
                  ) : more ? (
                    <Anchor component={Link} to={more.listHref(stage.id)} size="xs">
                      {t('deals.board.openList')}
                    </Anchor>
                  ) : null}
                </Stack>
              )}
              {column.deals.length === 0 && (
                <Text size="xs" c="dimmed" ta="center" py="md">
                  {t('deals.board.emptyColumn')}
                </Text>
              )}
            </Stack>
          </Box>
        </SortableContext>
      </ScrollArea.Autosize>
    </Paper>
  );
});
