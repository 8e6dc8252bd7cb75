import { Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { LeadForm } from '../components/LeadForm';

export default function LeadCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Stack maw={960}>
      <Title order={1} size="h2">
        {t('leads.form.createTitle')}
      </Title>
      <LeadForm
        onCancel={() => navigate(-1)}
        onSaved={(l) => {
          notifications.show({ color: 'green', message: t('leads.form.created', { name: l.name }) });
          navigate(`/leads/${l.id}`, { replace: true });
        }}
      />
    </Stack>
  );
}
