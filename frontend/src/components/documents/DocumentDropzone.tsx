import { Anchor, Button, CloseButton, Group, Paper, Progress, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconAlertCircle, IconCircleCheck, IconCloudUpload } from '@tabler/icons-react';
import { useEffect, useRef, useState, type DragEvent, type KeyboardEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useFileSize } from '@/lib/file-size';
import type { DocumentRecord } from './api/types';
import { useUploadDocument } from './api/use-upload-document';
import { FileTypeIcon } from './FileTypeIcon';
import { uploadErrorMessage } from './upload-error';

type Status = 'uploading' | 'done' | 'refused';

interface QueueItem {
  key: number;
  name: string;
  size: number;
  type: string;
  progress: number;
  status: Status;
  message?: string;
  documentId?: string;
}

interface Props {
  record: DocumentRecord;
  /** Open an uploaded document (its drawer). */
  onOpen?: (documentId: string) => void;
  /** Receives the function that opens the file picker (e.g. for an empty state's button). */
  pickerRef?: RefObject<(() => void) | null>;
}

let nextKey = 1;

/**
 * Drop several files here (or press Enter / click to pick them): each uploads on its own with a
 * progress bar; a refused file shows the server's reason next to it while the others go on.
 */
export function DocumentDropzone({ record, onOpen, pickerRef }: Props) {
  const { t } = useTranslation();
  const size = useFileSize();
  const upload = useUploadDocument();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [queue, setQueue] = useState<QueueItem[]>([]);

  const patch = (key: number, changes: Partial<QueueItem>) => setQueue((q) => q.map((i) => (i.key === key ? { ...i, ...changes } : i)));

  const start = (files: FileList | File[] | null | undefined) => {
    const list = Array.from(files ?? []);
    if (list.length === 0) return;
    const items = list.map((f) => ({ key: nextKey++, name: f.name, size: f.size, type: f.type, progress: 0, status: 'uploading' as const }));
    setQueue((q) => [...items, ...q]);
    list.forEach((file, n) => {
      const key = items[n]!.key;
      upload
        .mutateAsync({ file, record, onProgress: (p) => patch(key, { progress: p }) })
        .then((doc) => patch(key, { status: 'done', progress: 1, documentId: doc.id }))
        .catch((e: unknown) => patch(key, { status: 'refused', message: uploadErrorMessage(e, t) }));
    });
  };

  const open = () => input.current?.click();
  useEffect(() => {
    if (!pickerRef) return;
    pickerRef.current = () => input.current?.click();
    return () => {
      pickerRef.current = null;
    };
  }, [pickerRef]);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      open();
    }
  };
  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setOver(false);
    start(e.dataTransfer.files);
  };

  const busy = queue.some((i) => i.status === 'uploading');
  const finished = queue.some((i) => i.status !== 'uploading');

  return (
    <Stack gap="xs">
      <Paper
        withBorder
        p="md"
        radius="md"
        role="button"
        tabIndex={0}
        aria-label={t('documents.upload.zoneLabel')}
        aria-describedby="document-dropzone-hint"
        data-testid="document-dropzone"
        onClick={open}
        onKeyDown={onKeyDown}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        style={{
          cursor: 'pointer',
          borderStyle: 'dashed',
          borderWidth: 2,
          borderColor: over ? 'var(--mantine-color-indigo-5)' : undefined,
          background: over ? 'var(--mantine-color-indigo-0)' : undefined,
        }}
      >
        <Group gap="sm" wrap="nowrap" justify="center">
          <ThemeIcon variant="light" size={36} radius="xl">
            <IconCloudUpload size={20} />
          </ThemeIcon>
          <div>
            <Text size="sm" fw={500}>
              {t('documents.upload.drop')}{' '}
              <Anchor component="span" size="sm">
                {t('documents.upload.pick')}
              </Anchor>
            </Text>
            <Text size="xs" c="dimmed" id="document-dropzone-hint">
              {t('documents.upload.hint')}
            </Text>
          </div>
        </Group>
      </Paper>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-testid="document-file-input"
        aria-label={t('documents.upload.pickLabel')}
        onChange={(e) => {
          start(e.currentTarget.files);
          e.currentTarget.value = '';
        }}
      />
      {queue.length > 0 && (
        <Stack gap={6} role="list" aria-label={t('documents.upload.queue')} aria-busy={busy || undefined}>
          {queue.map((item) => (
            <UploadRow key={item.key} item={item} size={size(item.size)} onOpen={onOpen} onDismiss={() => setQueue((q) => q.filter((i) => i.key !== item.key))} />
          ))}
          {finished && !busy && (
            <Group justify="flex-end">
              <Button size="xs" variant="subtle" onClick={() => setQueue([])}>
                {t('documents.upload.clear')}
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </Stack>
  );
}

function UploadRow({ item, size, onOpen, onDismiss }: { item: QueueItem; size: string; onOpen?: (id: string) => void; onDismiss: () => void }) {
  const { t } = useTranslation();
  const pct = Math.round(item.progress * 100);
  const refused = item.status === 'refused';
  return (
    <Paper withBorder p="xs" radius="sm" role="listitem" data-testid="upload-item" data-status={item.status} aria-label={item.name}>
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <FileTypeIcon contentType={item.type} fileName={item.name} />
        <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
          <Group gap="xs" justify="space-between" wrap="nowrap">
            <Text size="sm" fw={500} truncate>
              {item.name}
            </Text>
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {item.status === 'uploading' ? t('documents.upload.percent', { pct, size }) : size}
            </Text>
          </Group>
          {!refused && (
            <Progress
              value={pct}
              size="sm"
              color={item.status === 'done' ? 'green' : 'indigo'}
              animated={item.status === 'uploading'}
              aria-label={t('documents.upload.progress', { name: item.name })}
            />
          )}
          {refused && (
            <Group gap={6} wrap="nowrap" role="alert">
              <IconAlertCircle size={16} color="var(--mantine-color-red-6)" style={{ flexShrink: 0 }} />
              <Text size="sm" c="red.7">
                {t('documents.upload.refused')}: {item.message}
              </Text>
            </Group>
          )}
          {item.status === 'done' && (
            <Group gap={6} wrap="nowrap">
              <IconCircleCheck size={16} color="var(--mantine-color-green-6)" />
              <Text size="xs" c="green.8">
                {t('documents.upload.done')}
              </Text>
              {onOpen && item.documentId && (
                <Anchor component="button" type="button" size="xs" onClick={() => onOpen(item.documentId!)}>
                  {t('documents.upload.open')}
                </Anchor>
              )}
            </Group>
          )}
        </Stack>
        {item.status !== 'uploading' && <CloseButton size="sm" aria-label={t('documents.upload.dismiss', { name: item.name })} onClick={onDismiss} />}
      </Group>
    </Paper>
  );
}
