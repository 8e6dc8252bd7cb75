import { Skeleton, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useCustomer } from '../api/use-customer';
import { CustomerForm } from '../components/CustomerForm';

export default function CustomerEditPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { customerId = '' } = useParams();
  const customer = useCustomer(customerId);

  if (customer.isPending) {
    return (
      <Stack maw={960} aria-busy="true" aria-label={t('app.loading')}>
        <Skeleton height={36} width="50%" />
        <Skeleton height={320} />
      </Stack>
    );
  }
  if (customer.isError) return <ProblemAlert error={customer.error} onRetry={() => void customer.refetch()} />;

  return (
    <Stack maw={960}>
      <Title order={1} size="h2">
        {t('customers.form.editTitle', { name: customer.data.name })}
      </Title>
      <CustomerForm
        // Remount when another record is opened.
        key={customer.data.id}
        customer={customer.data}
        onCancel={() => navigate(`/customers/${customerId}`)}
        onReloadLatest={async () => {
          const r = await customer.refetch();
          if (r.data) notifications.show({ message: t('customers.form.reloaded') });
          return r.data;
        }}
        onSaved={(c) => {
          notifications.show({ color: 'green', message: t('customers.form.saved') });
          navigate(`/customers/${c.id}`);
        }}
      />
    </Stack>
  );
}
