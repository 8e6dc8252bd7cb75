import { Skeleton, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useDeal } from '../api/use-deal';
import { DealForm } from '../components/DealForm';

export default function DealEditPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { dealId = '' } = useParams();
  const deal = useDeal(dealId);
  if (deal.isPending) {
    return (
      <Stack maw={860} aria-busy="true" aria-label={t('app.loading')}>
        <Skeleton height={36} width="50%" />
        <Skeleton height={320} />
      </Stack>
    );
  }
  if (deal.isError) return <ProblemAlert error={deal.error} onRetry={() => void deal.refetch()} />;
  return (
    <Stack maw={860}>
      <Title order={1} size="h2">
        {t('deals.form.editTitle', { name: deal.data.name })}
      </Title>
      <DealForm
        key={deal.data.id}
        deal={deal.data}
        onCancel={() => navigate(`/deals/${dealId}`)}
        onReloadLatest={async () => {
          const r = await deal.refetch();
          if (r.data) notifications.show({ message: t('deals.form.reloaded') });
          return r.data;
        }}
        onSaved={(d) => {
          notifications.show({ color: 'green', message: t('deals.form.saved') });
          navigate(`/deals/${d.id}`);
        }}
      />
    </Stack>
  );
}
