import { Anchor, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatters } from '@/lib/format';
import type { Lead, LeadSort } from '../api/types';
import { LeadStatusMenu } from './LeadStatusMenu';
import { ScoreBadge } from './ScoreBadge';
import { SortableTh } from './SortableTh';

interface Props {
  leads: Lead[];
  sort: LeadSort | undefined;
  onSort: (s: LeadSort) => void;
}

const NOWRAP = { whiteSpace: 'nowrap' } as const;

export function LeadsTable({ leads, sort, onSort }: Props) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const none = t('common.none');
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped highlightOnHover verticalSpacing="xs" aria-label={t('leads.title')}>
        <Table.Thead>
          <Table.Tr>
            <SortableTh field="name" label={t('leads.columns.name')} sort={sort} onSort={onSort} />
            <SortableTh field="score" label={t('leads.columns.score')} sort={sort} onSort={onSort} />
            <Table.Th>{t('leads.columns.status')}</Table.Th>
            <Table.Th>{t('leads.columns.source')}</Table.Th>
            <Table.Th>{t('leads.columns.campaign')}</Table.Th>
            <Table.Th>{t('leads.columns.owner')}</Table.Th>
            <SortableTh field="created_at" label={t('leads.columns.created')} sort={sort} onSort={onSort} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {leads.map((l) => (
            <Table.Tr key={l.id} data-testid="lead-row">
              <Table.Td>
                <Anchor component={Link} to={`/leads/${l.id}`} fw={500}>
                  {l.name}
                </Anchor>
                {(l.company_name || l.job_title) && (
                  <Text size="xs" c="dimmed">
                    {[l.job_title, l.company_name].filter(Boolean).join(' · ')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td style={NOWRAP}>
                <ScoreBadge lead={l} />
              </Table.Td>
              <Table.Td style={NOWRAP}>
                <LeadStatusMenu lead={l} />
              </Table.Td>
              <Table.Td style={NOWRAP}>
                <Text size="sm">{t(`leads.source.${l.source}`)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{l.campaign ?? none}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{l.owner_name ?? none}</Text>
              </Table.Td>
              <Table.Td style={NOWRAP}>
                <Text size="sm" title={fmt.dateTime(l.created_at)}>
                  {fmt.shortDate(l.created_at)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
