import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DealStatus } from '../api/types';

const COLOR: Record<DealStatus, string> = { open: 'blue', won: 'green', lost: 'red' };

export function DealStatusBadge({ status }: { status: DealStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={COLOR[status]} size="sm">
      {t(`deals.status.${status}`)}
    </Badge>
  );
}
