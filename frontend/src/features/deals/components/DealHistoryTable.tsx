import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '@/components/EmptyState';
import { ProblemAlert } from '@/components/ProblemAlert';
import { TableSkeleton } from '@/components/TableSkeleton';
import { useFormatters } from '@/lib/format';
import { useDealHistory } from '../api/use-deal-history';

const ACTION_COLOR: Record<string, string> = { created: 'green', updated: 'blue', deleted: 'red', restored: 'teal' };

function show(value: unknown, none: string): string {
  if (value === null || value === undefined || value === '') return none;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Who changed what on the deal: field, old -> new, when, by whom. */
export function DealHistoryTable({ dealId }: { dealId: string }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const history = useDealHistory(dealId);
  if (history.isPending) return <TableSkeleton rows={4} />;
  if (history.isError) return <ProblemAlert error={history.error} onRetry={() => void history.refetch()} />;
  const items = history.data.pages.flatMap((p) => p.items);
  if (items.length === 0) return <EmptyState title={t('deals.detail.noHistory')} />;
  const none = t('common.none');
  return (
    <Stack>
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="xs" aria-label={t('deals.detail.history')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('deals.history.when')}</Table.Th>
              <Table.Th>{t('deals.history.who')}</Table.Th>
              <Table.Th>{t('deals.history.action')}</Table.Th>
              <Table.Th>{t('deals.history.field')}</Table.Th>
              <Table.Th>{t('deals.history.change')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((h) => (
              <Table.Tr key={h.id}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm">{fmt.dateTime(h.changed_at)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{h.actor_name ?? t('deals.history.system')}</Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Badge size="sm" variant="light" color={ACTION_COLOR[h.action] ?? 'gray'}>
                    {t(`deals.history.actions.${h.action}`, { defaultValue: h.action })}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{h.field ? t(`deals.fields.${h.field}`, { defaultValue: h.field }) : none}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ wordBreak: 'break-word' }}>
                    {h.action === 'updated' || h.field ? `${show(h.old_value, none)} → ${show(h.new_value, none)}` : none}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {history.hasNextPage && (
        <Group>
          <Button variant="default" onClick={() => void history.fetchNextPage()} loading={history.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
