import { Anchor, Badge, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatters } from '@/lib/format';
import type { Customer, CustomerSort } from '../api/types';
import { CustomerTypeBadge } from './CustomerTypeBadge';
import { SortableTh } from './SortableTh';

interface Props {
  customers: Customer[];
  sort: CustomerSort | undefined;
  onSort: (s: CustomerSort) => void;
}

const NOWRAP = { whiteSpace: 'nowrap' } as const;

function primaryEmail(c: Customer): string | undefined {
  return (c.emails.find((e) => e.primary) ?? c.emails[0])?.value;
}

export function CustomersTable({ customers, sort, onSort }: Props) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped highlightOnHover verticalSpacing="xs" aria-label={t('customers.title')}>
        <Table.Thead>
          <Table.Tr>
            <SortableTh field="name" label={t('customers.columns.name')} sort={sort} onSort={onSort} />
            <Table.Th>{t('customers.columns.type')}</Table.Th>
            <Table.Th>{t('customers.columns.email')}</Table.Th>
            <Table.Th>{t('customers.columns.owner')}</Table.Th>
            <Table.Th>{t('customers.columns.tags')}</Table.Th>
            <SortableTh field="created_at" label={t('customers.columns.created')} sort={sort} onSort={onSort} />
            <SortableTh field="updated_at" label={t('customers.columns.updated')} sort={sort} onSort={onSort} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {customers.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>
                <Anchor component={Link} to={`/customers/${c.id}`} fw={500}>
                  {c.name}
                </Anchor>
                {c.type === 'person' && (c.job_title || c.company_name) && (
                  <Text size="xs" c="dimmed">
                    {[c.job_title, c.company_name].filter(Boolean).join(' · ')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td style={NOWRAP}>
                <CustomerTypeBadge type={c.type} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{primaryEmail(c) ?? t('common.none')}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{c.owner_name ?? t('common.none')}</Text>
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="wrap">
                  {c.tags.map((tag) => (
                    <Badge key={tag} size="xs" variant="outline" color="gray" tt="none">
                      {tag}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td style={NOWRAP}>
                <Text size="sm" title={fmt.dateTime(c.created_at)}>
                  {fmt.shortDate(c.created_at)}
                </Text>
              </Table.Td>
              <Table.Td style={NOWRAP}>
                <Text size="sm" title={fmt.dateTime(c.updated_at)}>
                  {fmt.shortDate(c.updated_at)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
