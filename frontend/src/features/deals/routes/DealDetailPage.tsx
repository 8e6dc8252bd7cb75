import { Anchor, Badge, Button, Group, Skeleton, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconEdit, IconLayoutKanban, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { isApiError } from '@/api/errors';
import { ConfirmModal } from '@/components/ConfirmModal';
import { EmptyState } from '@/components/EmptyState';
import { LiveChangeBadge } from '@/components/LiveChangeBadge';
import { ProblemAlert } from '@/components/ProblemAlert';
import { DocumentsPanel } from '@/components/documents/DocumentsPanel';
import { TimelinePanel } from '@/components/timeline/TimelinePanel';
import { useMoney } from '@/lib/money';
import { useDeal } from '../api/use-deal';
import { useDeleteDeal } from '../api/use-delete-deal';
import { DealHistoryTable } from '../components/DealHistoryTable';
import { DealOverview } from '../components/DealOverview';
import { DealStatusBadge } from '../components/DealStatusBadge';
import { LineItemsEditor } from '../components/LineItemsEditor';
import { QuotesPanel } from '../components/QuotesPanel';
import { StageTimeline } from '../components/StageTimeline';
import { showDealDeletedWithUndo } from '../components/UndoDeleteDealNotice';

export default function DealDetailPage() {
  const { t } = useTranslation();
  const { dealId = '' } = useParams();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const deal = useDeal(dealId);
  const del = useDeleteDeal();
  const { money } = useMoney();
  const [confirm, setConfirm] = useState(false);
  const tab = params.get('tab') ?? 'overview';

  const back = (
    <Anchor component={Link} to="/deals" size="sm">
      <Group gap={4}>
        <IconArrowLeft size={14} />
        {t('nav.deals')}
      </Group>
    </Anchor>
  );

  if (deal.isPending) {
    return (
      <Stack aria-busy="true" aria-label={t('app.loading')}>
        {back}
        <Skeleton height={36} width="40%" />
        <Skeleton height={20} width="20%" />
        <Skeleton height={240} />
      </Stack>
    );
  }
  if (deal.isError) {
    return (
      <Stack>
        {back}
        {isApiError(deal.error, 404) ? (
          <EmptyState
            title={t('deals.detail.notFound')}
            description={t('deals.detail.notFoundBody')}
            action={
              <Button component={Link} to="/trash" variant="light">
                {t('nav.trash')}
              </Button>
            }
          />
        ) : (
          <ProblemAlert error={deal.error} onRetry={() => void deal.refetch()} />
        )}
      </Stack>
    );
  }

  const d = deal.data;
  return (
    <Stack>
      {back}
      <Group justify="space-between" align="flex-start">
        <div>
          <Group gap="sm">
            <Title order={1} size="h2">
              {d.name}
            </Title>
            <DealStatusBadge status={d.status} />
            {d.rotting && (
              <Badge color="orange" variant="light">
                {t('deals.card.rotting')}
              </Badge>
            )}
            <LiveChangeBadge recordType="deal" recordId={d.id} />
          </Group>
          <Text c="dimmed" size="sm">
            {money(d.amount, d.currency)} · {d.stage_name} ·{' '}
            <Anchor component={Link} to={`/customers/${d.customer_id}`} size="sm">
              {d.customer_name}
            </Anchor>
          </Text>
        </div>
        <Group gap="xs">
          <Button component={Link} to={`/deals/board?pipeline=${d.pipeline_id}`} variant="default" leftSection={<IconLayoutKanban size={16} />}>
            {t('deals.boardView')}
          </Button>
          <Button component={Link} to={`/deals/${d.id}/edit`} leftSection={<IconEdit size={16} />} variant="default">
            {t('common.edit')}
          </Button>
          <Button color="red" variant="light" leftSection={<IconTrash size={16} />} onClick={() => setConfirm(true)}>
            {t('common.delete')}
          </Button>
        </Group>
      </Group>

      <Tabs
        value={tab}
        onChange={(v) =>
          setParams(
            (prev) => {
              const next = new URLSearchParams(prev);
              if (v && v !== 'overview') next.set('tab', v);
              else next.delete('tab');
              return next;
            },
            { replace: true },
          )
        }
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="overview">{t('deals.detail.overview')}</Tabs.Tab>
          <Tabs.Tab value="timeline">{t('deals.detail.timeline')}</Tabs.Tab>
          <Tabs.Tab value="documents">{t('deals.detail.documents')}</Tabs.Tab>
          <Tabs.Tab value="lines">{t('deals.detail.lines')}</Tabs.Tab>
          <Tabs.Tab value="quotes">{t('deals.detail.quotes')}</Tabs.Tab>
          <Tabs.Tab value="stages">{t('deals.detail.stages')}</Tabs.Tab>
          <Tabs.Tab value="history">{t('deals.detail.history')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="overview" pt="md">
          <DealOverview deal={d} />
        </Tabs.Panel>
        <Tabs.Panel value="timeline" pt="md">
          <TimelinePanel recordType="deal" recordId={d.id} />
        </Tabs.Panel>
        <Tabs.Panel value="documents" pt="md">
          <DocumentsPanel record={{ type: 'deal', id: d.id }} />
        </Tabs.Panel>
        <Tabs.Panel value="lines" pt="md">
          <LineItemsEditor deal={d} />
        </Tabs.Panel>
        <Tabs.Panel value="quotes" pt="md">
          <QuotesPanel deal={d} />
        </Tabs.Panel>
        <Tabs.Panel value="stages" pt="md">
          <StageTimeline dealId={d.id} />
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <DealHistoryTable dealId={d.id} />
        </Tabs.Panel>
      </Tabs>
      <ConfirmModal
        opened={confirm}
        onClose={() => setConfirm(false)}
        title={t('deals.detail.deleteTitle')}
        body={t('deals.detail.deleteBody', { name: d.name })}
        confirmLabel={t('common.delete')}
        loading={del.isPending}
        error={del.isError ? <ProblemAlert error={del.error} /> : undefined}
        onConfirm={() =>
          del.mutate(d.id, {
            onSuccess: () => {
              showDealDeletedWithUndo(d.id, d.name);
              navigate('/deals');
            },
          })
        }
      />
    </Stack>
  );
}
