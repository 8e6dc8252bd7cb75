import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '@/components/EmptyState';
import { ProblemAlert } from '@/components/ProblemAlert';
import { TableSkeleton } from '@/components/TableSkeleton';
import { useFormatters } from '@/lib/format';
import { useCustomerHistory } from '../api/use-customer-history';
import { useUsers } from '../api/use-users';
import { formatHistoryValue } from './history-values';


const ACTION_COLOR: Record<string, string> = { created: 'green', updated: 'blue', deleted: 'red', restored: 'teal' };

/** Who changed what: field, old -> new, when, by whom. */
export function HistoryTable({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const history = useCustomerHistory(customerId);
  const users = useUsers();
  const userName = (id: string) => users.data?.find((u) => u.id === id)?.full_name;
  if (history.isPending) return <TableSkeleton rows={4} />;
  if (history.isError) return <ProblemAlert error={history.error} onRetry={() => void history.refetch()} />;
  const items = history.data.pages.flatMap((p) => p.items);
  if (items.length === 0) return <EmptyState title={t('customers.detail.noHistory')} />;
  const none = t('common.none');
  return (
    <Stack>
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="xs" aria-label={t('customers.detail.history')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('customers.history.when')}</Table.Th>
              <Table.Th>{t('customers.history.who')}</Table.Th>
              <Table.Th>{t('customers.history.action')}</Table.Th>
              <Table.Th>{t('customers.history.field')}</Table.Th>
              <Table.Th>{t('customers.history.change')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((h) => (
              <Table.Tr key={h.id}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm">{fmt.dateTime(h.changed_at)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{h.actor_name ?? t('customers.history.system')}</Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Badge size="sm" variant="light" color={ACTION_COLOR[h.action] ?? 'gray'}>
                    {t(`customers.history.actions.${h.action}`, { defaultValue: h.action })}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{h.field ? t(`customers.fields.${h.field}`, { defaultValue: h.field }) : none}</Text>
                </Table.Td>
                <Table.Td>
                  {h.action === 'updated' || h.field ? (
                    <Text size="sm" style={{ wordBreak: 'break-word' }}>
                      {`${formatHistoryValue(h.field, h.old_value, t, userName)} → ${formatHistoryValue(h.field, h.new_value, t, userName)}`}
                    </Text>
                  ) : (
                    <Text size="sm">{none}</Text>
                  )}
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
