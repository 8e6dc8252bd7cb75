import { Badge, Button, Drawer, Group, Skeleton, Stack, Tabs, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconShare, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/api/errors';
import { ConfirmModal } from '@/components/ConfirmModal';
import { EmptyState } from '@/components/EmptyState';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useFileSize } from '@/lib/file-size';
import { useFormatters } from '@/lib/format';
import type { Document } from './api/types';
import { useDownloadDocument } from './api/use-content';
import { useDeleteDocument, useRestoreDocument } from './api/use-delete-document';
import { useDocument } from './api/use-document';
import { DocumentDetails } from './DocumentDetails';
import { DocumentPreview } from './DocumentPreview';
import { FileTypeIcon } from './FileTypeIcon';
import { ShareDialog } from './ShareDialog';
import { VersionList } from './VersionList';

interface Props {
  documentId: string | null;
  onClose: () => void;
}

/** One document: preview, versions, sharing and details, with download and delete. */
export function DocumentDrawer({ documentId, onClose }: Props) {
  const { t } = useTranslation();
  const doc = useDocument(documentId);

  let body;
  if (!documentId) body = null;
  else if (doc.isPending)
    body = (
      <Stack aria-busy="true" aria-label={t('app.loading')}>
        <Skeleton height={28} width="60%" />
        <Skeleton height={16} width="40%" />
        <Skeleton height={360} />
      </Stack>
    );
  else if (doc.isError)
    body = isApiError(doc.error, 404) ? (
      <EmptyState title={t('documents.notFound')} description={t('documents.notFoundBody')} />
    ) : (
      <ProblemAlert error={doc.error} onRetry={() => void doc.refetch()} />
    );
  else body = <DocumentView key={doc.data.id} doc={doc.data} onDeleted={onClose} />;

  return (
    <Drawer
      opened={Boolean(documentId)}
      onClose={onClose}
      position="right"
      size="xl"
      title={<Text fw={600}>{t('documents.drawerTitle')}</Text>}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {body}
    </Drawer>
  );
}

function DocumentView({ doc, onDeleted }: { doc: Document; onDeleted: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const size = useFileSize();
  const download = useDownloadDocument();
  const del = useDeleteDocument();
  const restore = useRestoreDocument();
  const [tab, setTab] = useState<string | null>('preview');
  const [sharing, setSharing] = useState(false);
  const [confirm, setConfirm] = useState(false);

  const save = () => download.mutate({ id: doc.id, fileName: doc.file_name });
  const remove = () =>
    del.mutate(
      { id: doc.id, version: doc.version },
      {
        onSuccess: () => {
          setConfirm(false);
          onDeleted();
          const id = notifications.show({
            color: 'gray',
            title: t('documents.deleted'),
            message: (
              <Button
                size="compact-xs"
                variant="light"
                onClick={() => {
                  restore.mutate(doc.id);
                  notifications.hide(id);
                }}
              >
                {t('common.undo')}
              </Button>
            ),
          });
        },
      },
    );

  return (
    <Stack gap="md">
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <FileTypeIcon contentType={doc.content_type} fileName={doc.file_name} />
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Title order={2} size="h3" style={{ wordBreak: 'break-word' }}>
            {doc.title}
          </Title>
          <Text size="sm" c="dimmed">
            {doc.file_name} · {size(doc.size_bytes)} · {t('documents.versionN', { number: doc.current_version })}
          </Text>
          <Group gap={6}>
            <Badge variant="light">{t(`documents.kind.${doc.kind}`)}</Badge>
            {doc.tags.map((tag) => (
              <Badge key={tag} variant="outline" color="gray">
                {tag}
              </Badge>
            ))}
          </Group>
          <Text size="xs" c="dimmed">
            {t('documents.ownerUpdated', { owner: doc.owner_name ?? '', date: fmt.dateTime(doc.updated_at) })}
          </Text>
        </Stack>
      </Group>
      <Group gap="xs">
        <Button variant="default" leftSection={<IconDownload size={16} />} onClick={save} loading={download.isPending}>
          {t('documents.actions.download')}
        </Button>
        <Button variant="light" leftSection={<IconShare size={16} />} onClick={() => setSharing(true)}>
          {t('documents.actions.share')}
        </Button>
        {doc.can_edit && (
          <Button variant="light" color="red" leftSection={<IconTrash size={16} />} onClick={() => setConfirm(true)}>
            {t('common.delete')}
          </Button>
        )}
      </Group>
      {download.isError && <ProblemAlert error={download.error} title={t('documents.downloadFailed')} />}
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="preview">{t('documents.tabs.preview')}</Tabs.Tab>
          <Tabs.Tab value="versions">{t('documents.tabs.versions', { count: doc.current_version })}</Tabs.Tab>
          <Tabs.Tab value="details">{t('documents.tabs.details')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="preview" pt="md">
          <DocumentPreview doc={doc} onDownload={save} />
        </Tabs.Panel>
        <Tabs.Panel value="versions" pt="md">
          <VersionList doc={doc} />
        </Tabs.Panel>
        <Tabs.Panel value="details" pt="md">
          <DocumentDetails doc={doc} />
        </Tabs.Panel>
      </Tabs>
      <ShareDialog documentId={doc.id} title={doc.title} opened={sharing} onClose={() => setSharing(false)} />
      <ConfirmModal
        opened={confirm}
        onClose={() => setConfirm(false)}
        title={t('documents.deleteTitle')}
        body={t('documents.deleteBody', { title: doc.title })}
        confirmLabel={t('common.delete')}
        loading={del.isPending}
        error={del.isError ? <ProblemAlert error={del.error} /> : undefined}
        onConfirm={remove}
      />
    </Stack>
  );
}
