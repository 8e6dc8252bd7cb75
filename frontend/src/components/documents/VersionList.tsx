import { ActionIcon, Badge, Button, FileButton, Group, Paper, Progress, Skeleton, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { IconDownload, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useFileSize } from '@/lib/file-size';
import { useFormatters } from '@/lib/format';
import type { Document } from './api/types';
import { useDownloadDocument } from './api/use-content';
import { useAddVersion, useDocumentVersions } from './api/use-versions';
import { uploadErrorMessage } from './upload-error';

/** Every version, newest first, each downloadable; upload a new one (with a note and progress). */
export function VersionList({ doc }: { doc: Document }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const size = useFileSize();
  const versions = useDocumentVersions(doc.id);
  const add = useAddVersion(doc.id);
  const download = useDownloadDocument();
  const [note, setNote] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [uploading, setUploading] = useState<string | null>(null);
  const [refused, setRefused] = useState<string | null>(null);

  const upload = (file: File | null) => {
    if (!file) return;
    setRefused(null);
    setUploading(file.name);
    setProgress(0);
    add.mutate(
      { file, note: note.trim() || undefined, onProgress: setProgress },
      {
        onSuccess: () => {
          setNote('');
          void versions.refetch();
        },
        onError: (e) => setRefused(uploadErrorMessage(e, t)),
        onSettled: () => {
          setUploading(null);
          setProgress(null);
        },
      },
    );
  };

  let list;
  if (versions.isPending) list = <Skeleton height={120} aria-busy="true" aria-label={t('app.loading')} />;
  else if (versions.isError) list = <ProblemAlert error={versions.error} onRetry={() => void versions.refetch()} />;
  else if (versions.data.length === 0) list = <Text size="sm" c="dimmed">{t('documents.versions.empty')}</Text>;
  else
    list = (
      <Table.ScrollContainer minWidth={520}>
        <Table verticalSpacing="xs" aria-label={t('documents.versions.label')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('documents.versions.number')}</Table.Th>
              <Table.Th>{t('documents.columns.file')}</Table.Th>
              <Table.Th>{t('documents.columns.size')}</Table.Th>
              <Table.Th>{t('documents.versions.uploaded')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {versions.data.map((v) => (
              <Table.Tr key={v.id} data-testid="version-row">
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Text size="sm" fw={600}>
                      v{v.number}
                    </Text>
                    {v.number === doc.current_version && (
                      <Badge size="xs" variant="light">
                        {t('documents.versions.current')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" truncate maw={220}>
                    {v.file_name}
                  </Text>
                  {v.note && (
                    <Text size="xs" c="dimmed">
                      {v.note}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {size(v.size_bytes)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{fmt.dateTime(v.created_at)}</Text>
                  {v.uploaded_by_name && (
                    <Text size="xs" c="dimmed">
                      {v.uploaded_by_name}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right">
                  <Tooltip label={t('documents.versions.download', { number: v.number })}>
                    <ActionIcon
                      variant="subtle"
                      aria-label={t('documents.versions.download', { number: v.number })}
                      onClick={() => download.mutate({ id: doc.id, version: v.number, fileName: v.file_name })}
                    >
                      <IconDownload size={16} />
                    </ActionIcon>
                  </Tooltip>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );

  return (
    <Stack gap="md">
      {doc.can_edit && (
        <Paper withBorder p="sm" radius="md">
          <Stack gap="xs">
            <Text fw={600} size="sm">
              {t('documents.versions.new')}
            </Text>
            <Group align="flex-end" wrap="nowrap">
              <TextInput
                label={t('documents.versions.note')}
                placeholder={t('documents.versions.notePlaceholder')}
                value={note}
                onChange={(e) => setNote(e.currentTarget.value)}
                style={{ flex: 1 }}
                maxLength={500}
              />
              <FileButton onChange={upload}>
                {(props) => (
                  <Button {...props} leftSection={<IconUpload size={16} />} loading={Boolean(uploading)}>
                    {t('documents.versions.upload')}
                  </Button>
                )}
              </FileButton>
            </Group>
            {uploading && (
              <Stack gap={2}>
                <Text size="xs">{t('documents.versions.uploading', { name: uploading })}</Text>
                <Progress value={Math.round((progress ?? 0) * 100)} animated aria-label={t('documents.upload.progress', { name: uploading })} />
              </Stack>
            )}
            {refused && (
              <Text size="sm" c="red.7" role="alert">
                {t('documents.upload.refused')}: {refused}
              </Text>
            )}
          </Stack>
        </Paper>
      )}
      {download.isError && <ProblemAlert error={download.error} title={t('documents.downloadFailed')} />}
      {list}
    </Stack>
  );
}
