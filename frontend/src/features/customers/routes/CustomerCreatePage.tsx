import { Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { CustomerForm } from '../components/CustomerForm';

export default function CustomerCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const type = params.get('type') === 'person' ? 'person' : 'company';
  const companyId = params.get('company_id');
  return (
    <Stack maw={960}>
      <Title order={1} size="h2">
        {t('customers.form.createTitle')}
      </Title>
      <CustomerForm
        defaults={{ type, company_id: companyId }}
        onCancel={() => navigate(-1)}
        onSaved={(c) => {
          notifications.show({ color: 'green', message: t('customers.form.created') });
          navigate(`/customers/${c.id}`, { replace: true });
        }}
      />
    </Stack>
  );
}
