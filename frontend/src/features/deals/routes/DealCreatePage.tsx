import { Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { DealForm } from '../components/DealForm';

export default function DealCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  return (
    <Stack maw={860}>
      <Title order={1} size="h2">
        {t('deals.form.newTitle')}
      </Title>
      <DealForm
        defaults={{ pipeline_id: params.get('pipeline'), customer_id: params.get('customer') }}
        onCancel={() => navigate(-1)}
        onSaved={(d) => {
          notifications.show({ color: 'green', message: t('deals.form.created') });
          navigate(`/deals/${d.id}`);
        }}
      />
    </Stack>
  );
}
