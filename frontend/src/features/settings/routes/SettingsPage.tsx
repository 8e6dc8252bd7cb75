import { Skeleton, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconAlarm, IconArrowsSplit, IconCurrencyDollar, IconForms, IconGauge, IconKey, IconLayoutList, IconLock, IconMail, IconMoodSad, IconPackage, IconTimeline, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router';
import { EmptyState } from '@/components/EmptyState';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useCurrentUser } from '@/hooks/use-current-user';
import { AccessPanel } from '../components/AccessPanel';
import { AssignmentRulesPanel } from '../components/AssignmentRulesPanel';
import { ApiKeysPanel } from '../components/ApiKeysPanel';
import { CustomFieldsPanel } from '../components/CustomFieldsPanel';
import { ExchangeRatesPanel } from '../components/ExchangeRatesPanel';
import { LostReasonsPanel } from '../components/LostReasonsPanel';
import { MailboxPanel } from '../components/MailboxPanel';
import { PipelinesPanel } from '../components/PipelinesPanel';
import { ProductsPanel } from '../components/ProductsPanel';
import { ReminderRulesPanel } from '../components/ReminderRulesPanel';
import { ScoringRulesPanel } from '../components/ScoringRulesPanel';
import { UsersPanel } from '../components/UsersPanel';
import { WebFormsPanel } from '../components/WebFormsPanel';

const TABS = [
  'users',
  'custom-fields',
  'access',
  'api-keys',
  'pipelines',
  'lost-reasons',
  'exchange-rates',
  'products',
  'web-forms',
  'lead-assignment',
  'lead-scoring',
  'reminders',
  'mailbox',
] as const;
type Tab = (typeof TABS)[number];
const isTab = (v: string | undefined): v is Tab => (TABS as readonly string[]).includes(v ?? '');

/** Admin-only settings; each tab has its own URL (/settings/<tab>). */
export default function SettingsPage() {
  const { t } = useTranslation();
  const { tab } = useParams();
  const navigate = useNavigate();
  const me = useCurrentUser();

  const header = (
    <div>
      <Title order={1} size="h2">
        {t('settings.title')}
      </Title>
      <Text c="dimmed" size="sm">
        {t('settings.subtitle')}
      </Text>
    </div>
  );

  if (me.isPending) {
    return (
      <Stack aria-busy="true" aria-label={t('app.loading')}>
        <Skeleton height={36} width="30%" />
        <Skeleton height={240} />
      </Stack>
    );
  }
  if (me.isError) return <ProblemAlert error={me.error} onRetry={() => void me.refetch()} />;
  if (me.data.role !== 'admin') {
    return <EmptyState title={t('settings.forbiddenTitle')} description={t('settings.forbiddenBody')} />;
  }
  if (!isTab(tab)) return <Navigate to="/settings/users" replace />;

  return (
    <Stack>
      {header}
      <Tabs value={tab} onChange={(v) => v && navigate(`/settings/${v}`)} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="users" leftSection={<IconUsers size={16} />}>
            {t('settings.tabs.users')}
          </Tabs.Tab>
          <Tabs.Tab value="custom-fields" leftSection={<IconForms size={16} />}>
            {t('settings.tabs.customFields')}
          </Tabs.Tab>
          <Tabs.Tab value="access" leftSection={<IconLock size={16} />}>
            {t('settings.tabs.access')}
          </Tabs.Tab>
          <Tabs.Tab value="api-keys" leftSection={<IconKey size={16} />}>
            {t('settings.tabs.apiKeys')}
          </Tabs.Tab>
          <Tabs.Tab value="pipelines" leftSection={<IconTimeline size={16} />}>
            {t('settings.tabs.pipelines')}
          </Tabs.Tab>
          <Tabs.Tab value="lost-reasons" leftSection={<IconMoodSad size={16} />}>
            {t('settings.tabs.lostReasons')}
          </Tabs.Tab>
          <Tabs.Tab value="exchange-rates" leftSection={<IconCurrencyDollar size={16} />}>
            {t('settings.tabs.exchangeRates')}
          </Tabs.Tab>
          <Tabs.Tab value="products" leftSection={<IconPackage size={16} />}>
            {t('settings.tabs.products')}
          </Tabs.Tab>
          <Tabs.Tab value="web-forms" leftSection={<IconLayoutList size={16} />}>
            {t('settings.tabs.webForms')}
          </Tabs.Tab>
          <Tabs.Tab value="lead-assignment" leftSection={<IconArrowsSplit size={16} />}>
            {t('settings.tabs.leadAssignment')}
          </Tabs.Tab>
          <Tabs.Tab value="lead-scoring" leftSection={<IconGauge size={16} />}>
            {t('settings.tabs.leadScoring')}
          </Tabs.Tab>
          <Tabs.Tab value="reminders" leftSection={<IconAlarm size={16} />}>
            {t('settings.tabs.reminders')}
          </Tabs.Tab>
          <Tabs.Tab value="mailbox" leftSection={<IconMail size={16} />}>
            {t('settings.tabs.mailbox')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="users" pt="md">
          <UsersPanel />
        </Tabs.Panel>
        <Tabs.Panel value="custom-fields" pt="md">
          <CustomFieldsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="access" pt="md">
          <AccessPanel />
        </Tabs.Panel>
        <Tabs.Panel value="api-keys" pt="md">
          <ApiKeysPanel />
        </Tabs.Panel>
        <Tabs.Panel value="pipelines" pt="md">
          <PipelinesPanel />
        </Tabs.Panel>
        <Tabs.Panel value="lost-reasons" pt="md">
          <LostReasonsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="exchange-rates" pt="md">
          <ExchangeRatesPanel />
        </Tabs.Panel>
        <Tabs.Panel value="products" pt="md">
          <ProductsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="web-forms" pt="md">
          <WebFormsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="lead-assignment" pt="md">
          <AssignmentRulesPanel />
        </Tabs.Panel>
        <Tabs.Panel value="lead-scoring" pt="md">
          <ScoringRulesPanel />
        </Tabs.Panel>
        <Tabs.Panel value="reminders" pt="md">
          <ReminderRulesPanel />
        </Tabs.Panel>
        <Tabs.Panel value="mailbox" pt="md">
          <MailboxPanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
