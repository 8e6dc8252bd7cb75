import { Button, Code, Image, Paper, ScrollArea, Skeleton, Stack, Text } from '@mantine/core';
import { IconDownload, IconEyeOff } from '@tabler/icons-react';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/ProblemAlert';
import type { Document } from './api/types';
import { useDocumentContent } from './api/use-content';
import { fileFamily } from './FileTypeIcon';

const PdfPreview = lazy(() => import('./PdfPreview'));
const TEXT_LIMIT = 200_000;

interface Props {
  doc: Document;
  onDownload: () => void;
}

/** The current version shown in the page: PDF pages, an image, or the text; else a download prompt. */
export function DocumentPreview({ doc, onDownload }: Props) {
  const { t } = useTranslation();
  const family = fileFamily(doc.content_type, doc.file_name);
  const kind = !doc.previewable ? null : family === 'pdf' ? 'pdf' : family === 'image' ? 'image' : doc.content_type.startsWith('text/') ? 'text' : null;
  const content = useDocumentContent(doc.id, doc.current_version, kind !== null);

  if (!kind) {
    return (
      <Paper withBorder p="xl" radius="md">
        <Stack align="center" gap="sm">
          <IconEyeOff size={32} color="var(--mantine-color-gray-6)" aria-hidden />
          <Text fw={500}>{t('documents.preview.none')}</Text>
          <Text size="sm" c="dimmed" ta="center">
            {t('documents.preview.noneBody')}
          </Text>
          <Button variant="light" leftSection={<IconDownload size={16} />} onClick={onDownload}>
            {t('documents.actions.download')}
          </Button>
        </Stack>
      </Paper>
    );
  }
  const loading = <Skeleton height={kind === 'text' ? 200 : 420} aria-busy="true" aria-label={t('documents.preview.loading')} />;
  if (content.isPending) return loading;
  if (content.isError) return <ProblemAlert error={content.error} title={t('documents.preview.failed')} onRetry={() => void content.refetch()} />;
  if (kind === 'pdf') {
    return (
      <Suspense fallback={loading}>
        <PdfPreview blob={content.data} title={doc.title} />
      </Suspense>
    );
  }
  if (kind === 'image') return <ImagePreview blob={content.data} alt={doc.title} />;
  return <TextPreview blob={content.data} />;
}

function ImagePreview({ blob, alt }: { blob: Blob; alt: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const u = URL.createObjectURL(blob);
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [blob]);
  if (!url) return null;
  return <Image src={url} alt={alt} fit="contain" mah={600} radius="sm" data-testid="image-preview" />;
}

function TextPreview({ blob }: { blob: Blob }) {
  const { t } = useTranslation();
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    void blob
      .slice(0, TEXT_LIMIT)
      .text()
      .then((s) => !cancelled && setText(s));
    return () => {
      cancelled = true;
    };
  }, [blob]);
  if (text === null) return <Skeleton height={200} />;
  return (
    <Stack gap={4}>
      <ScrollArea.Autosize mah={560} type="auto">
        <Code block data-testid="text-preview" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
          {text}
        </Code>
      </ScrollArea.Autosize>
      {blob.size > TEXT_LIMIT && (
        <Text size="xs" c="dimmed">
          {t('documents.preview.truncated')}
        </Text>
      )}
    </Stack>
  );
}
