import { Anchor, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Schemas } from '@/api/client';

type LinkRead = Schemas['DocumentLinkRead'];

const PATH: Record<string, string> = { customer: '/customers', lead: '/leads', deal: '/deals' };

/** A document's linked records as links to their pages (interactions have no page of their own). */
export function RecordLinks({ links, max }: { links: LinkRead[]; max?: number }) {
  const { t } = useTranslation();
  if (links.length === 0) return <Text size="sm" c="dimmed">{t('common.none')}</Text>;
  const shown = max ? links.slice(0, max) : links;
  return (
    <Group gap={6} wrap="wrap">
      {shown.map((l) => {
        const label = `${t(`documents.recordType.${l.record_type}`)}: ${l.title || t('documents.untitledRecord')}`;
        const base = PATH[l.record_type];
        return base ? (
          <Anchor key={`${l.record_type}-${l.record_id}`} component={Link} to={`${base}/${l.record_id}`} size="sm">
            {label}
          </Anchor>
        ) : (
          <Text key={`${l.record_type}-${l.record_id}`} size="sm">
            {label}
          </Text>
        );
      })}
      {max && links.length > max && (
        <Text size="sm" c="dimmed">
          {t('documents.moreLinks', { count: links.length - max })}
        </Text>
      )}
    </Group>
  );
}
