import { Anchor, Button, Group, Skeleton, Stack, Tabs, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconEdit, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { isApiError } from '@/api/errors';
import { EmptyState } from '@/components/EmptyState';
import { LiveChangeBadge } from '@/components/LiveChangeBadge';
import { ProblemAlert } from '@/components/ProblemAlert';
import { DocumentsPanel } from '@/components/documents/DocumentsPanel';
import { TimelinePanel } from '@/components/timeline/TimelinePanel';
import { useCustomer } from '../api/use-customer';
import { useDeleteCustomer } from '../api/use-delete-customer';
import { CustomerDeals } from '../components/CustomerDeals';
import { CustomerOverview } from '../components/CustomerOverview';
import { CustomerTypeBadge } from '../components/CustomerTypeBadge';
import { HistoryTable } from '../components/HistoryTable';
import { PeopleList } from '../components/PeopleList';
import { showDeletedWithUndo } from '../components/UndoDeleteNotice';

export default function CustomerDetailPage() {
  const { t } = useTranslation();
  const { customerId = '' } = useParams();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const customer = useCustomer(customerId);
  const del = useDeleteCustomer();
  const tab = params.get('tab') ?? 'overview';

  const back = (
    <Anchor component={Link} to="/customers" size="sm">
      <Group gap={4}>
        <IconArrowLeft size={14} />
        {t('nav.customers')}
      </Group>
    </Anchor>
  );

  if (customer.isPending) {
    return (
      <Stack aria-busy="true" aria-label={t('app.loading')}>
        {back}
        <Skeleton height={36} width="40%" />
        <Skeleton height={20} width="20%" />
        <Skeleton height={240} />
      </Stack>
    );
  }
  if (customer.isError) {
    return (
      <Stack>
        {back}
        {isApiError(customer.error, 404) ? (
          <EmptyState
            title={t('customers.detail.notFound')}
            description={t('customers.detail.notFoundBody')}
            action={
              <Button component={Link} to="/trash" variant="light">
                {t('nav.trash')}
              </Button>
            }
          />
        ) : (
          <ProblemAlert error={customer.error} onRetry={() => void customer.refetch()} />
        )}
      </Stack>
    );
  }

  const c = customer.data;
  const onDelete = () =>
    del.mutate(c.id, {
      onSuccess: () => {
        showDeletedWithUndo(c.id, c.name);
        navigate('/customers');
      },
      onError: (e) =>
        notifications.show({ color: 'red', title: t('customers.deleteFailed'), message: isApiError(e) ? e.problem?.detail ?? e.message : '' }),
    });

  return (
    <Stack>
      {back}
      <Group justify="space-between" align="flex-start">
        <div>
          <Group gap="sm">
            <Title order={1} size="h2">
              {c.name}
            </Title>
            <CustomerTypeBadge type={c.type} />
            <LiveChangeBadge recordType="customer" recordId={c.id} />
          </Group>
          {c.type === 'person' && c.company_id && (
            <Text c="dimmed" size="sm">
              {c.job_title ? `${c.job_title} · ` : ''}
              <Anchor component={Link} to={`/customers/${c.company_id}`} size="sm">
                {t('customers.detail.worksAt', { company: c.company_name ?? '' })}
              </Anchor>
            </Text>
          )}
        </div>
        <Group gap="xs">
          <Button component={Link} to={`/customers/${c.id}/edit`} leftSection={<IconEdit size={16} />} variant="default">
            {t('common.edit')}
          </Button>
          <Button color="red" variant="light" leftSection={<IconTrash size={16} />} onClick={onDelete} loading={del.isPending}>
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
          <Tabs.Tab value="overview">{t('customers.detail.overview')}</Tabs.Tab>
          <Tabs.Tab value="timeline">{t('customers.detail.timeline')}</Tabs.Tab>
          <Tabs.Tab value="documents">{t('customers.detail.documents')}</Tabs.Tab>
          {c.type === 'company' && <Tabs.Tab value="people">{t('customers.detail.people')}</Tabs.Tab>}
          <Tabs.Tab value="deals">{t('customers.detail.deals')}</Tabs.Tab>
          <Tabs.Tab value="history">{t('customers.detail.history')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="overview" pt="md">
          <CustomerOverview customer={c} />
        </Tabs.Panel>
        <Tabs.Panel value="timeline" pt="md">
          <TimelinePanel recordType="customer" recordId={c.id} />
        </Tabs.Panel>
        <Tabs.Panel value="documents" pt="md">
          <DocumentsPanel record={{ type: 'customer', id: c.id }} />
        </Tabs.Panel>
        {c.type === 'company' && (
          <Tabs.Panel value="people" pt="md">
            <PeopleList companyId={c.id} />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="deals" pt="md">
          <CustomerDeals customerId={c.id} />
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <HistoryTable customerId={c.id} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
