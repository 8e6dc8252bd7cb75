import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { LeadStatus } from '../api/types';

export const STATUS_COLOR: Record<LeadStatus, string> = {
  new: 'blue',
  contacted: 'cyan',
  qualified: 'teal',
  unqualified: 'gray',
  converted: 'grape',
};

export function LeadStatusBadge({ status, size = 'sm' }: { status: LeadStatus; size?: 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={STATUS_COLOR[status]} size={size}>
      {t(`leads.status.${status}`)}
    </Badge>
  );
}
