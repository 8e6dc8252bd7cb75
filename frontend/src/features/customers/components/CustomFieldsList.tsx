import { Anchor, Badge, Group, Skeleton, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCustomFieldDefinitions, type CustomFieldDefinition } from '@/hooks/use-custom-field-definitions';
import { useFormatters } from '@/lib/format';

function externalHref(url: string): string {
  return /^https?:\/\//i.test(url) ? url : `https://${url}`;
}

/** A stored custom field value formatted for its definition's type. */
export function CustomFieldValue({ def, value }: { def?: CustomFieldDefinition; value: unknown }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
    return <Text size="sm">{t('common.none')}</Text>;
  }
  switch (def?.type) {
    case 'boolean':
      return <Text size="sm">{value === true ? t('common.yes') : t('common.no')}</Text>;
    case 'number': {
      const n = Number(value);
      return <Text size="sm">{Number.isFinite(n) ? fmt.number(n) : String(value)}</Text>;
    }
    case 'date':
      return <Text size="sm">{fmt.date(String(value))}</Text>;
    case 'url':
      return (
        <Anchor href={externalHref(String(value))} target="_blank" rel="noopener noreferrer" size="sm">
          {String(value)}
        </Anchor>
      );
    case 'email':
      return (
        <Anchor href={`mailto:${String(value)}`} size="sm">
          {String(value)}
        </Anchor>
      );
    case 'select':
      return (
        <Badge variant="light" tt="none" size="sm">
          {String(value)}
        </Badge>
      );
    case 'multiselect':
      return (
        <Group gap={4}>
          {(Array.isArray(value) ? value : [value]).map((v) => (
            <Badge key={String(v)} variant="light" tt="none" size="sm">
              {String(v)}
            </Badge>
          ))}
        </Group>
      );
    default:
      return (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {typeof value === 'string' ? value : JSON.stringify(value)}
        </Text>
      );
  }
}

/**
 * The record's custom fields labelled from the definitions (in their order); values whose definition
 * was deleted are still shown, under their raw key.
 */
export function CustomFieldsList({
  values,
  renderField,
}: {
  values: Record<string, unknown>;
  renderField: (key: string, label: string, value: ReactNode) => ReactNode;
}) {
  const { t } = useTranslation();
  const defs = useCustomFieldDefinitions('customer');
  if (defs.isPending) return <Skeleton height={40} aria-label={t('app.loading')} />;
  const list = defs.data ?? [];
  const known = new Set(list.map((d) => d.key));
  const orphans = Object.keys(values).filter((k) => !known.has(k));
  if (list.length === 0 && orphans.length === 0) return <Text size="sm">{t('customers.customFields.none')}</Text>;
  return (
    <>
      {list.map((def) => renderField(def.key, def.label, <CustomFieldValue def={def} value={values[def.key]} />))}
      {orphans.map((k) => renderField(k, k, <CustomFieldValue value={values[k]} />))}
    </>
  );
}
