import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '@/components/EmptyState';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <EmptyState
      title={t('app.notFound')}
      description={t('app.notFoundBody')}
      action={
        <Button component={Link} to="/customers">
          {t('app.goHome')}
        </Button>
      }
    />
  );
}
