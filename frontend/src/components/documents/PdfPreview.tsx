import { Alert, Button, Group, Skeleton, Stack, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PDFDocumentProxy } from './pdf-render';

const FIRST_PAGES = 5;

/** A PDF drawn with pdf.js into canvases (no browser plugin, no iframe): the first pages, then more on demand. */
export default function PdfPreview({ blob, title }: { blob: Blob; title: string }) {
  const { t } = useTranslation();
  const [pdf, setPdf] = useState<PDFDocumentProxy | null>(null);
  const [failed, setFailed] = useState(false);
  const [shown, setShown] = useState(FIRST_PAGES);

  useEffect(() => {
    let cancelled = false;
    let doc: PDFDocumentProxy | null = null;
    setPdf(null);
    setFailed(false);
    (async () => {
      try {
        const { openPdf } = await import('./pdf-render');
        doc = await openPdf(await blob.arrayBuffer());
        if (cancelled) void doc.destroy();
        else setPdf(doc);
      } catch {
        if (!cancelled) setFailed(true);
      }
    })();
    return () => {
      cancelled = true;
      if (doc) void doc.destroy();
    };
  }, [blob]);

  if (failed) {
    return (
      <Alert color="orange" variant="light" icon={<IconAlertCircle size={18} />} role="alert" title={t('documents.preview.pdfFailed')}>
        {t('documents.preview.pdfFailedBody')}
      </Alert>
    );
  }
  if (!pdf) return <Skeleton height={420} aria-busy="true" aria-label={t('documents.preview.loading')} />;

  const pages = Math.min(shown, pdf.numPages);
  return (
    <Stack gap="sm" data-testid="pdf-preview" aria-label={t('documents.preview.pdfLabel', { title, count: pdf.numPages })} role="region">
      {Array.from({ length: pages }, (_, i) => (
        <PdfPage key={i + 1} pdf={pdf} number={i + 1} total={pdf.numPages} />
      ))}
      {pdf.numPages > pages && (
        <Group justify="center">
          <Button variant="default" size="xs" onClick={() => setShown((n) => n + FIRST_PAGES)}>
            {t('documents.preview.morePages', { count: pdf.numPages - pages })}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function PdfPage({ pdf, number, total }: { pdf: PDFDocumentProxy; number: number; total: number }) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [done, setDone] = useState(false);

  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    let cancelled = false;
    (async () => {
      const { renderPage } = await import('./pdf-render');
      const width = el.parentElement?.clientWidth || 600;
      await renderPage(pdf, number, el, width);
      if (!cancelled) setDone(true);
    })().catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [pdf, number]);

  return (
    <div style={{ boxShadow: 'var(--mantine-shadow-sm)', border: '1px solid var(--mantine-color-gray-3)', background: 'white', lineHeight: 0 }}>
      <canvas ref={canvas} role="img" aria-label={t('documents.preview.page', { number, total })} data-testid="pdf-page" data-rendered={done || undefined} />
      {!done && (
        <Text size="xs" c="dimmed" p="xs" style={{ lineHeight: 1.4 }}>
          {t('documents.preview.rendering')}
        </Text>
      )}
    </div>
  );
}
