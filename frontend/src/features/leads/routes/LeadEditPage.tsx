import { Skeleton, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useLead } from '../api/use-lead';
import { LeadForm } from '../components/LeadForm';

export default function LeadEditPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { leadId = '' } = useParams();
  const lead = useLead(leadId);

  if (lead.isPending) {
    return (
      <Stack maw={960} aria-busy="true" aria-label={t('app.loading')}>
        <Skeleton height={36} width="50%" />
        <Skeleton height={320} />
      </Stack>
    );
  }
  if (lead.isError) return <ProblemAlert error={lead.error} onRetry={() => void lead.refetch()} />;

  return (
    <Stack maw={960}>
      <Title order={1} size="h2">
        {t('leads.form.editTitle', { name: lead.data.name })}
      </Title>
      <LeadForm
        key={lead.data.id}
        lead={lead.data}
        onCancel={() => navigate(`/leads/${leadId}`)}
        onReloadLatest={async () => {
          const r = await lead.refetch();
          if (r.data) notifications.show({ message: t('leads.conflict.reloaded') });
          return r.data;
        }}
        onSaved={(l) => {
          notifications.show({ color: 'green', message: t('leads.form.saved') });
          navigate(`/leads/${l.id}`);
        }}
      />
    </Stack>
  );
}
