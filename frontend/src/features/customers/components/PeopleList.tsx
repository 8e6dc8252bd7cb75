import { Anchor, Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '@/components/EmptyState';
import { ProblemAlert } from '@/components/ProblemAlert';
import { TableSkeleton } from '@/components/TableSkeleton';
import { useCustomerPeople } from '../api/use-customer-people';

export function PeopleList({ companyId }: { companyId: string }) {
  const { t } = useTranslation();
  const people = useCustomerPeople(companyId);
  const addButton = (
    <Button component={Link} to={`/customers/new?type=person&company_id=${companyId}`} leftSection={<IconPlus size={16} />} variant="light">
      {t('customers.newPerson')}
    </Button>
  );
  if (people.isPending) return <TableSkeleton rows={3} />;
  if (people.isError) return <ProblemAlert error={people.error} onRetry={() => void people.refetch()} />;
  const items = people.data.pages.flatMap((p) => p.items);
  if (items.length === 0) return <EmptyState title={t('customers.detail.noPeople')} action={addButton} />;
  return (
    <Stack>
      <Group justify="flex-end">{addButton}</Group>
      <Table verticalSpacing="xs" aria-label={t('customers.detail.people')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('customers.columns.name')}</Table.Th>
            <Table.Th>{t('customers.fields.job_title')}</Table.Th>
            <Table.Th>{t('customers.columns.email')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>
                <Anchor component={Link} to={`/customers/${p.id}`}>
                  {p.name}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{p.job_title || t('common.none')}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{(p.emails.find((e) => e.primary) ?? p.emails[0])?.value ?? t('common.none')}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {people.hasNextPage && (
        <Group>
          <Button variant="default" onClick={() => void people.fetchNextPage()} loading={people.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
