import { Anchor, Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatters } from '@/lib/format';
import { useMoney } from '@/lib/money';
import type { Deal, DealSort } from '../api/types';
import { DealStatusBadge } from './DealStatusBadge';
import { SortableTh } from './SortableTh';

export function DealsTable({ deals, sort, onSort }: { deals: Deal[]; sort: DealSort | undefined; onSort: (s: DealSort) => void }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const { money } = useMoney();
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table verticalSpacing="xs" striped highlightOnHover aria-label={t('deals.title')}>
        <Table.Thead>
          <Table.Tr>
            <SortableTh field="name" label={t('deals.fields.name')} sort={sort} onSort={onSort} />
            <Table.Th>{t('deals.fields.customer')}</Table.Th>
            <Table.Th>{t('deals.fields.stage')}</Table.Th>
            <Table.Th>{t('deals.fields.status')}</Table.Th>
            <SortableTh field="amount" label={t('deals.fields.amount')} sort={sort} onSort={onSort} />
            <SortableTh field="probability" label={t('deals.fields.probability')} sort={sort} onSort={onSort} />
            <SortableTh field="expected_close_date" label={t('deals.fields.expected_close_date')} sort={sort} onSort={onSort} />
            <Table.Th>{t('deals.fields.owner')}</Table.Th>
            <SortableTh field="updated_at" label={t('deals.fields.updated_at')} sort={sort} onSort={onSort} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {deals.map((d) => (
            <Table.Tr key={d.id}>
              <Table.Td>
                <Anchor component={Link} to={`/deals/${d.id}`} fw={500} size="sm">
                  {d.name}
                </Anchor>
                {d.rotting && (
                  <Badge ml={6} color="orange" variant="light" size="xs">
                    {t('deals.card.rotting')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/customers/${d.customer_id}`} size="sm">
                  {d.customer_name}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{d.stage_name}</Text>
              </Table.Td>
              <Table.Td>
                <DealStatusBadge status={d.status} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap', textAlign: 'right' }}>
                <Text size="sm">{money(d.amount, d.currency)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{`${d.probability}%`}</Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm">{d.expected_close_date ? fmt.date(d.expected_close_date) : t('common.none')}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{d.owner_name ?? t('common.none')}</Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm">{fmt.shortDate(d.updated_at)}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
