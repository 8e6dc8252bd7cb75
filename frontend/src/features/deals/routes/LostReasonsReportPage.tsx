import { Alert, Card, Group, Select, Skeleton, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { EmptyState } from '@/components/EmptyState';
import { ProblemAlert } from '@/components/ProblemAlert';
import { TableSkeleton } from '@/components/TableSkeleton';
import { usePipelines } from '@/hooks/use-pipelines';
import { useFormatters } from '@/lib/format';
import { useMoney } from '@/lib/money';
import { useLostReasonsReport } from '../api/use-lost-reasons-report';

const LostReasonsChart = lazy(() => import('../components/LostReasonsChart'));

/** /reports/lost-reasons: why deals were lost, per pipeline and period. */
export default function LostReasonsReportPage() {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const { money } = useMoney();
  const [params, setParams] = useSearchParams();
  const pipelines = usePipelines();
  const pipelineId = params.get('pipeline') ?? '';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const report = useLostReasonsReport({ pipelineId: pipelineId || undefined, from: from || undefined, to: to || undefined });

  const update = (key: string, value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  const rows = useMemo(() => (report.data?.items ?? []).map((i) => ({ name: i.name, count: i.count })), [report.data]);

  let body;
  if (report.isPending) body = <TableSkeleton rows={4} />;
  else if (report.isError) body = <ProblemAlert error={report.error} onRetry={() => void report.refetch()} />;
  else if (report.data.items.length === 0)
    body = <EmptyState title={t('reports.lostReasons.emptyTitle')} description={t('reports.lostReasons.emptyBody')} />;
  else {
    const r = report.data;
    body = (
      <Stack>
        {r.unconverted_currencies.length > 0 && (
          <Alert color="yellow" variant="light">
            {t('reports.lostReasons.unconverted', { currencies: r.unconverted_currencies.join(', ') })}
          </Alert>
        )}
        <Card withBorder radius="md" padding="md">
          <Suspense fallback={<Skeleton height={200} />}>
            <LostReasonsChart rows={rows} />
          </Suspense>
        </Card>
        <Table.ScrollContainer minWidth={480}>
          <Table verticalSpacing="xs" striped aria-label={t('reports.lostReasons.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('reports.lostReasons.reason')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('reports.lostReasons.count')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('reports.lostReasons.amount')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.items.map((i) => (
                <Table.Tr key={i.lost_reason_id ?? 'none'}>
                  <Table.Td>{i.name}</Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>{fmt.number(i.count)}</Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>{money(i.amount, r.base_currency)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th>{t('reports.lostReasons.total')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }} data-testid="report-total-count">
                  {fmt.number(r.total_count)}
                </Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{money(r.total_amount, r.base_currency)}</Table.Th>
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    );
  }

  return (
    <Stack>
      <div>
        <Title order={1} size="h2">
          {t('reports.lostReasons.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('reports.lostReasons.subtitle')}
        </Text>
      </div>
      <Group align="flex-end" gap="sm" role="search">
        <Select
          label={t('deals.fields.pipeline')}
          placeholder={t('deals.anyPipeline')}
          clearable
          value={pipelineId || null}
          onChange={(v) => update('pipeline', v)}
          data={(pipelines.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          w={220}
        />
        <TextInput type="date" label={t('reports.from')} value={from} onChange={(e) => update('from', e.currentTarget.value)} w={170} />
        <TextInput type="date" label={t('reports.to')} value={to} onChange={(e) => update('to', e.currentTarget.value)} w={170} />
      </Group>
      {body}
    </Stack>
  );
}
