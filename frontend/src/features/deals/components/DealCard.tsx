import { Anchor, Badge, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { IconAlertTriangle, IconCalendar, IconUser } from '@tabler/icons-react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatters } from '@/lib/format';
import { useMoney } from '@/lib/money';
import type { Deal } from '../api/types';

/** The fields a card shows: a move re-ranks whole columns (board_rank), which must not re-render them. */
function sameCard(a: { deal: Deal; overlay?: boolean }, b: { deal: Deal; overlay?: boolean }): boolean {
  const x = a.deal;
  const y = b.deal;
  return (
    a.overlay === b.overlay &&
    (x === y ||
      (x.id === y.id &&
        x.name === y.name &&
        x.customer_name === y.customer_name &&
        x.amount === y.amount &&
        x.currency === y.currency &&
        x.expected_close_date === y.expected_close_date &&
        x.owner_name === y.owner_name &&
        x.rotting === y.rotting &&
        x.days_in_stage === y.days_in_stage))
  );
}

/** What a card shows; memoized on its visible fields so a drag does not re-render every card. */
export const DealCardContent = memo(function DealCardContent({ deal, overlay = false }: { deal: Deal; overlay?: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const { money } = useMoney();
  return (
    <Paper
      withBorder
      radius="sm"
      p="xs"
      shadow={overlay ? 'md' : undefined}
      style={{ borderLeft: deal.rotting ? '3px solid var(--mantine-color-orange-6)' : undefined, cursor: 'grab' }}
    >
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap" gap={4} align="flex-start">
          <Anchor component={Link} to={`/deals/${deal.id}`} size="sm" fw={600} lineClamp={2} onPointerDown={(e) => e.stopPropagation()}>
            {deal.name}
          </Anchor>
          {deal.rotting && (
            <Tooltip label={t('deals.card.rottingTip', { count: deal.days_in_stage })} withinPortal>
              <Badge color="orange" variant="light" size="xs" leftSection={<IconAlertTriangle size={10} />} style={{ flexShrink: 0 }}>
                {t('deals.card.rotting')}
              </Badge>
            </Tooltip>
          )}
        </Group>
        <Text size="xs" c="dimmed" lineClamp={1}>
          {deal.customer_name}
        </Text>
        <Text size="sm" fw={500}>
          {money(deal.amount, deal.currency)}
        </Text>
        <Group gap="xs" wrap="nowrap">
          {deal.expected_close_date && (
            <Group gap={2} wrap="nowrap">
              <IconCalendar size={12} aria-hidden />
              <Text size="xs" c="dimmed">
                {fmt.shortDate(`${deal.expected_close_date}T00:00:00`)}
              </Text>
            </Group>
          )}
          {deal.owner_name && (
            <Group gap={2} wrap="nowrap" style={{ minWidth: 0 }}>
              <IconUser size={12} aria-hidden />
              <Text size="xs" c="dimmed" truncate>
                {deal.owner_name}
              </Text>
            </Group>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}, sameCard);

/** The draggable wrapper: cheap to re-render while the memoized content stays put. */
export const SortableDealCard = memo(function SortableDealCard({ deal, columnId }: { deal: Deal; columnId: string }) {
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({
    id: deal.id,
    data: { type: 'deal', columnId },
  });
  return (
    <div
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition, opacity: isDragging ? 0.4 : 1, touchAction: 'manipulation' }}
      data-testid="deal-card"
      data-deal-id={deal.id}
      {...attributes}
      aria-roledescription={t('deals.board.cardRole')}
      aria-label={t('deals.board.cardLabel', { name: deal.name })}
      {...listeners}
    >
      <DealCardContent deal={deal} />
    </div>
  );
});
