import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { components } from '@/api/schema.gen';
import { EmptyState } from '@/components/EmptyState';
import { ProblemAlert } from '@/components/ProblemAlert';
import { TableSkeleton } from '@/components/TableSkeleton';
import { useFormatters } from '@/lib/format';

type HistoryEntry = components['schemas']['HistoryEntry'];
type HistoryPage = { items: HistoryEntry[]; next_cursor?: string | null };

const ACTION_COLOR: Record<string, string> = { created: 'green', updated: 'blue', deleted: 'red', restored: 'teal' };

export interface ChangeHistoryTableProps {
  /** The record's history query (any record type: every history endpoint returns the same page). */
  history: UseInfiniteQueryResult<InfiniteData<HistoryPage>>;
  /** i18n namespace holding `detail.history`, `detail.noHistory`, `history.*` and `fields.*`. */
  ns: string;
  /** How a stored value reads for people (ids to names, enums translated, ...). */
  formatValue: (field: string | null | undefined, value: unknown) => string;
}

/** Who changed what on a record: field, old -> new, when, by whom. */
export function ChangeHistoryTable({ history, ns, formatValue }: ChangeHistoryTableProps) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  if (history.isPending) return <TableSkeleton rows={4} />;
  if (history.isError) return <ProblemAlert error={history.error} onRetry={() => void history.refetch()} />;
  const items = history.data.pages.flatMap((p) => p.items);
  if (items.length === 0) return <EmptyState title={t(`${ns}.detail.noHistory`)} />;
  const none = t('common.none');
  return (
    <Stack>
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="xs" aria-label={t(`${ns}.detail.history`)}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t(`${ns}.history.when`)}</Table.Th>
              <Table.Th>{t(`${ns}.history.who`)}</Table.Th>
              <Table.Th>{t(`${ns}.history.action`)}</Table.Th>
              <Table.Th>{t(`${ns}.history.field`)}</Table.Th>
              <Table.Th>{t(`${ns}.history.change`)}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((h) => (
              <Table.Tr key={h.id}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm">{fmt.dateTime(h.changed_at)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{h.actor_name ?? t(`${ns}.history.system`)}</Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Badge size="sm" variant="light" color={ACTION_COLOR[h.action] ?? 'gray'}>
                    {t(`${ns}.history.actions.${h.action}`, { defaultValue: h.action })}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{h.field ? t(`${ns}.fields.${h.field}`, { defaultValue: h.field }) : none}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ wordBreak: 'break-word' }}>
                    {h.action === 'updated' || h.field
                      ? `${formatValue(h.field, h.old_value)} → ${formatValue(h.field, h.new_value)}`
                      : none}
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
