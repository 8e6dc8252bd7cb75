import { Anchor, Button, Grid, Group, Skeleton, Stack, Tabs, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconBan, IconCircleCheck, IconEdit, IconPhoneCall, IconRefresh, IconTransform, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { isApiError } from '@/api/errors';
import { EmptyState } from '@/components/EmptyState';
import { LiveChangeBadge } from '@/components/LiveChangeBadge';
import { ProblemAlert } from '@/components/ProblemAlert';
import { DocumentsPanel } from '@/components/documents/DocumentsPanel';
import { TimelinePanel } from '@/components/timeline/TimelinePanel';
import type { ConversionResult, Lead } from '../api/types';
import { useDeleteLead } from '../api/use-delete-lead';
import { useLead } from '../api/use-lead';
import { ConvertLeadModal } from '../components/ConvertLeadModal';
import { LeadHistoryTable } from '../components/LeadHistoryTable';
import { LeadOverview } from '../components/LeadOverview';
import { LeadStatusBadge } from '../components/LeadStatusBadge';
import { ScorePanel } from '../components/ScorePanel';
import { showLeadDeletedWithUndo } from '../components/UndoDeleteLeadNotice';
import { canUnqualify, useLeadStatus } from '../components/use-lead-status';

function LeadActions({ lead }: { lead: Lead }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const status = useLeadStatus(lead);
  const del = useDeleteLead();
  const [converting, setConverting] = useState(false);
  const converted = lead.status === 'converted';

  const onDelete = () =>
    del.mutate(
      { id: lead.id, version: lead.version },
      {
        onSuccess: () => {
          showLeadDeletedWithUndo(lead.id, lead.name);
          navigate('/leads');
        },
        onError: (e) =>
          notifications.show({ color: 'red', title: t('leads.deleteFailed'), message: isApiError(e) ? (e.problem?.detail ?? e.message) : '' }),
      },
    );

  const onConverted = (r: ConversionResult) => {
    setConverting(false);
    const made = [
      r.company_id ? t(r.company_created ? 'leads.convert.madeCompany' : 'leads.convert.linkedCompany') : null,
      t(r.contact_created ? 'leads.convert.madeContact' : 'leads.convert.linkedContact'),
      r.deal_id ? t('leads.convert.madeDeal') : null,
    ].filter(Boolean);
    notifications.show({ color: 'green', title: t('leads.convert.done', { name: lead.name }), message: made.join(' · ') });
    navigate(r.deal_id ? `/deals/${r.deal_id}` : `/customers/${r.company_id ?? r.contact_id}`);
  };

  return (
    <Group gap="xs">
      {lead.status === 'new' && (
        <Button variant="default" leftSection={<IconPhoneCall size={16} />} onClick={() => status.setStatus('contacted')} loading={status.pendingStatus === 'contacted'}>
          {t('leads.actions.to.contacted')}
        </Button>
      )}
      {(lead.status === 'new' || lead.status === 'contacted') && (
        <Button variant="light" color="teal" leftSection={<IconCircleCheck size={16} />} onClick={() => status.setStatus('qualified')} loading={status.pendingStatus === 'qualified'}>
          {t('leads.actions.to.qualified')}
        </Button>
      )}
      {lead.status === 'unqualified' && (
        <Button variant="default" leftSection={<IconRefresh size={16} />} onClick={() => status.setStatus('new')} loading={status.pendingStatus === 'new'}>
          {t('leads.actions.to.new')}
        </Button>
      )}
      {!converted && (
        <Button leftSection={<IconTransform size={16} />} onClick={() => setConverting(true)}>
          {t('leads.actions.convert')}
        </Button>
      )}
      {canUnqualify(lead.status) && (
        <Button variant="light" color="red" leftSection={<IconBan size={16} />} onClick={status.openUnqualify}>
          {t('leads.actions.unqualify')}
        </Button>
      )}
      {!converted && (
        <Button component={Link} to={`/leads/${lead.id}/edit`} variant="default" leftSection={<IconEdit size={16} />}>
          {t('common.edit')}
        </Button>
      )}
      <Button color="red" variant="subtle" leftSection={<IconTrash size={16} />} onClick={onDelete} loading={del.isPending}>
        {t('common.delete')}
      </Button>
      {status.modals}
      {converting && <ConvertLeadModal lead={lead} opened onClose={() => setConverting(false)} onConverted={onConverted} />}
    </Group>
  );
}

export default function LeadDetailPage() {
  const { t } = useTranslation();
  const { leadId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const lead = useLead(leadId);
  const tab = params.get('tab') ?? 'overview';

  const back = (
    <Anchor component={Link} to="/leads" size="sm">
      <Group gap={4}>
        <IconArrowLeft size={14} />
        {t('nav.leads')}
      </Group>
    </Anchor>
  );

  if (lead.isPending) {
    return (
      <Stack aria-busy="true" aria-label={t('app.loading')}>
        {back}
        <Skeleton height={36} width="40%" />
        <Skeleton height={20} width="20%" />
        <Skeleton height={240} />
      </Stack>
    );
  }
  if (lead.isError) {
    return (
      <Stack>
        {back}
        {isApiError(lead.error, 404) ? (
          <EmptyState
            title={t('leads.detail.notFound')}
            description={t('leads.detail.notFoundBody')}
            action={
              <Button component={Link} to="/trash" variant="light">
                {t('nav.trash')}
              </Button>
            }
          />
        ) : (
          <ProblemAlert error={lead.error} onRetry={() => void lead.refetch()} />
        )}
      </Stack>
    );
  }

  const l = lead.data;
  const subtitle = [l.job_title, l.company_name].filter(Boolean).join(' · ');
  return (
    <Stack>
      {back}
      <Group justify="space-between" align="flex-start">
        <div>
          <Group gap="sm">
            <Title order={1} size="h2">
              {l.name}
            </Title>
            <LeadStatusBadge status={l.status} size="md" />
            <LiveChangeBadge recordType="lead" recordId={l.id} />
          </Group>
          {subtitle && (
            <Text c="dimmed" size="sm">
              {subtitle}
            </Text>
          )}
          <Text size="sm">{t('leads.detail.ownedBy', { name: l.owner_name ?? t('common.none') })}</Text>
        </div>
        <LeadActions lead={l} />
      </Group>

      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
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
              <Tabs.Tab value="overview">{t('leads.detail.overview')}</Tabs.Tab>
              <Tabs.Tab value="timeline">{t('leads.detail.timeline')}</Tabs.Tab>
              <Tabs.Tab value="documents">{t('leads.detail.documents')}</Tabs.Tab>
              <Tabs.Tab value="history">{t('leads.detail.history')}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="overview" pt="md">
              <LeadOverview lead={l} />
            </Tabs.Panel>
            <Tabs.Panel value="timeline" pt="md">
              <TimelinePanel recordType="lead" recordId={l.id} />
            </Tabs.Panel>
            <Tabs.Panel value="documents" pt="md">
              <DocumentsPanel record={{ type: 'lead', id: l.id }} />
            </Tabs.Panel>
            <Tabs.Panel value="history" pt="md">
              <LeadHistoryTable leadId={l.id} />
            </Tabs.Panel>
          </Tabs>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <ScorePanel lead={l} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
