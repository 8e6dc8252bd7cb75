import { Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch, IconUpload, IconUsers } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { EmptyState } from '@/components/EmptyState';
import { ProblemAlert } from '@/components/ProblemAlert';
import { TableSkeleton } from '@/components/TableSkeleton';
import { useCurrentUser } from '@/hooks/use-current-user';
import { DOCUMENT_KINDS, type DocumentKind, type DocumentRecord } from './api/types';
import { useDocuments } from './api/use-documents';
import { DocumentDrawer } from './DocumentDrawer';
import { DocumentDropzone } from './DocumentDropzone';
import { DocumentsTable } from './DocumentsTable';

interface Props {
  /** A record's Documents tab: its documents, uploads linked to it. Without: every document. */
  record?: DocumentRecord;
}

/** Search, kind filter, the list and the document drawer (opened through `?doc=<id>`), plus the dropzone on a record. */
export function DocumentsPanel({ record }: Props) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState('');
  const [debouncedQ] = useDebouncedValue(q.trim(), 300);
  const [kind, setKind] = useState<DocumentKind | ''>('');
  const docs = useDocuments({ q: debouncedQ, kind, record });
  const picker = useRef<(() => void) | null>(null);
  const canUpload = Boolean(record) && me.data?.role !== 'viewer' && Boolean(me.data);
  const filtered = Boolean(debouncedQ || kind);
  const openId = params.get('doc');

  const setOpen = (id: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (id) next.set('doc', id);
        else next.delete('doc');
        return next;
      },
      { replace: true },
    );

  let body;
  if (docs.isPending) body = <TableSkeleton rows={4} />;
  else if (docs.isError) body = <ProblemAlert error={docs.error} onRetry={() => void docs.refetch()} />;
  else {
    const items = docs.data.pages.flatMap((p) => p.items);
    if (items.length === 0) {
      body = filtered ? (
        <EmptyState
          title={t('documents.emptyFiltered')}
          description={t('documents.emptyFilteredBody')}
          action={
            <Button
              variant="light"
              onClick={() => {
                setQ('');
                setKind('');
              }}
            >
              {t('documents.clearFilters')}
            </Button>
          }
        />
      ) : record ? (
        <EmptyState
          title={t('documents.emptyRecord')}
          description={t(canUpload ? 'documents.emptyRecordBody' : 'documents.emptyReadOnly')}
          action={
            canUpload ? (
              <Button variant="light" leftSection={<IconUpload size={16} />} onClick={() => picker.current?.()}>
                {t('documents.upload.choose')}
              </Button>
            ) : undefined
          }
        />
      ) : (
        <EmptyState
          title={t('documents.empty')}
          description={t('documents.emptyBody')}
          action={
            <Button component={Link} to="/customers" variant="light" leftSection={<IconUsers size={16} />}>
              {t('documents.goToCustomers')}
            </Button>
          }
        />
      );
    } else {
      body = (
        <Stack>
          <DocumentsTable items={items} onOpen={setOpen} hideLinks={false} />
          {docs.hasNextPage && (
            <Group>
              <Button variant="default" onClick={() => void docs.fetchNextPage()} loading={docs.isFetchingNextPage}>
                {t('common.loadMore')}
              </Button>
            </Group>
          )}
        </Stack>
      );
    }
  }

  return (
    <Stack>
      {canUpload && record && <DocumentDropzone record={record} onOpen={setOpen} pickerRef={picker} />}
      <Group gap="sm" align="flex-end">
        <TextInput
          label={t('documents.search')}
          placeholder={t('documents.searchPlaceholder')}
          leftSection={<IconSearch size={16} />}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          style={{ flex: 1, minWidth: 220, maxWidth: 420 }}
          type="search"
        />
        <Select
          label={t('documents.columns.kind')}
          placeholder={t('documents.allKinds')}
          data={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`documents.kind.${k}`) }))}
          value={kind || null}
          onChange={(v) => setKind((v as DocumentKind | null) ?? '')}
          clearable
          w={200}
        />
      </Group>
      {body}
      <DocumentDrawer documentId={openId} onClose={() => setOpen(null)} />
    </Stack>
  );
}
