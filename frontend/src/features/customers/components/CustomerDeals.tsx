import { Anchor, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '@/components/EmptyState';
import { ProblemAlert } from '@/components/ProblemAlert';
import { TableSkeleton } from '@/components/TableSkeleton';
import { useFormatters } from '@/lib/format';
import { useMoney } from '@/lib/money';
import { useCustomerDeals } from '../api/use-customer-deals';

const STATUS_COLOR = { open: 'blue', won: 'green', lost: 'red' } as const;

/** The customer's deals with a shortcut to create one for them. */
export function CustomerDeals({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const { money } = useMoney();
  const deals = useCustomerDeals(customerId);
  const newButton = (
    <Button component={Link} to={`/deals/new?customer=${customerId}`} variant="light" leftSection={<IconPlus size={16} />}>
      {t('customers.deals.new')}
    </Button>
  );
  if (deals.isPending) return <TableSkeleton rows={3} />;
  if (deals.isError) return <ProblemAlert error={deals.error} onRetry={() => void deals.refetch()} />;
  const items = deals.data.pages.flatMap((p) => p.items);
  if (items.length === 0) return <EmptyState title={t('customers.deals.emptyTitle')} action={newButton} />;
  return (
    <Stack>
      <Group justify="flex-end">{newButton}</Group>
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="xs" striped aria-label={t('customers.detail.deals')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('customers.deals.name')}</Table.Th>
              <Table.Th>{t('customers.deals.stage')}</Table.Th>
              <Table.Th>{t('customers.deals.status')}</Table.Th>
              <Table.Th ta="right">{t('customers.deals.amount')}</Table.Th>
              <Table.Th>{t('customers.deals.expectedClose')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/deals/${d.id}`} size="sm" fw={500}>
                    {d.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{d.stage_name}</Text>
                </Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color={STATUS_COLOR[d.status]}>
                    {t(`customers.deals.statuses.${d.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td ta="right">{money(d.amount, d.currency)}</Table.Td>
                <Table.Td>{d.expected_close_date ? fmt.date(d.expected_close_date) : t('common.none')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {deals.hasNextPage && (
        <Group>
          <Button variant="default" onClick={() => void deals.fetchNextPage()} loading={deals.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
