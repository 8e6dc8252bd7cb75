import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CustomerType } from '../api/types';

export function CustomerTypeBadge({ type }: { type: CustomerType }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={type === 'company' ? 'grape' : 'teal'} size="sm" style={{ minWidth: 'max-content' }}>
      {t(`customers.type.${type}`)}
    </Badge>
  );
}
