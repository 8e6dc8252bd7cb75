import { Anchor, Badge, Group, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFileSize } from '@/lib/file-size';
import { useFormatters } from '@/lib/format';
import type { Document } from './api/types';
import { FileTypeIcon } from './FileTypeIcon';
import { RecordLinks } from './RecordLinks';

interface Props {
  items: Document[];
  onOpen: (id: string) => void;
  /** Hide the linked records column (a record's own tab). */
  hideLinks?: boolean;
}

/** The document list: type icon, title (opens the drawer), linked records, size, version, owner, updated. */
export function DocumentsTable({ items, onOpen, hideLinks }: Props) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const size = useFileSize();
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="sm" highlightOnHover aria-label={t('documents.listLabel')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('documents.columns.title')}</Table.Th>
            {!hideLinks && <Table.Th>{t('documents.columns.links')}</Table.Th>}
            <Table.Th>{t('documents.columns.size')}</Table.Th>
            <Table.Th>{t('documents.columns.version')}</Table.Th>
            <Table.Th>{t('documents.columns.owner')}</Table.Th>
            <Table.Th>{t('documents.columns.updated')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((d) => (
            <Table.Tr key={d.id} data-testid="document-row">
              <Table.Td>
                <Group gap="sm" wrap="nowrap">
                  <FileTypeIcon contentType={d.content_type} fileName={d.file_name} />
                  <div style={{ minWidth: 0 }}>
                    <Anchor component="button" type="button" fw={500} size="sm" onClick={() => onOpen(d.id)} ta="left" style={{ wordBreak: 'break-word' }}>
                      {d.title}
                    </Anchor>
                    <Group gap={6} wrap="nowrap">
                      <Text size="xs" c="dimmed" truncate maw={260}>
                        {d.file_name}
                      </Text>
                      {d.kind !== 'other' && (
                        <Badge size="xs" variant="light">
                          {t(`documents.kind.${d.kind}`)}
                        </Badge>
                      )}
                    </Group>
                  </div>
                </Group>
              </Table.Td>
              {!hideLinks && (
                <Table.Td>
                  <RecordLinks links={d.links} max={3} />
                </Table.Td>
              )}
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm">{size(d.size_bytes)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">v{d.current_version}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{d.owner_name ?? t('common.none')}</Text>
              </Table.Td>
              <Table.Td>
                <Tooltip label={fmt.dateTime(d.updated_at)}>
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {fmt.relative(d.updated_at)}
                  </Text>
                </Tooltip>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
