import { Button, Group, Select, Stack, TagsInput, Text, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/ProblemAlert';
import { DOCUMENT_KINDS, type Document, type DocumentKind } from './api/types';
import { useUpdateDocument } from './api/use-update-document';
import { RecordLinks } from './RecordLinks';

/** Title, kind, tags and description (editable when the user may), and the linked records. */
export function DocumentDetails({ doc }: { doc: Document }) {
  const { t } = useTranslation();
  const update = useUpdateDocument();
  const [title, setTitle] = useState(doc.title);
  const [kind, setKind] = useState<DocumentKind>(doc.kind);
  const [tags, setTags] = useState<string[]>(doc.tags);
  const [description, setDescription] = useState(doc.description ?? '');
  const [saved, setSaved] = useState(false);
  const [titleError, setTitleError] = useState<string | null>(null);
  const readOnly = !doc.can_edit;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) {
      setTitleError(t('documents.details.titleRequired'));
      return;
    }
    setSaved(false);
    update.mutate(
      { id: doc.id, version: doc.version, changes: { title: title.trim(), kind, tags, description: description.trim() || null } },
      { onSuccess: () => setSaved(true) },
    );
  };

  return (
    <form onSubmit={submit} aria-label={t('documents.details.label')} noValidate>
      <Stack gap="sm">
        <TextInput
          label={t('documents.columns.title')}
          value={title}
          onChange={(e) => {
            setTitle(e.currentTarget.value);
            setTitleError(null);
          }}
          error={titleError}
          readOnly={readOnly}
          required
          maxLength={300}
        />
        <Select
          label={t('documents.columns.kind')}
          data={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`documents.kind.${k}`) }))}
          value={kind}
          onChange={(v) => v && setKind(v as DocumentKind)}
          allowDeselect={false}
          readOnly={readOnly}
        />
        <TagsInput label={t('documents.details.tags')} value={tags} onChange={setTags} readOnly={readOnly} maxTags={50} clearable={!readOnly} />
        <Textarea label={t('documents.details.description')} value={description} onChange={(e) => setDescription(e.currentTarget.value)} autosize minRows={2} readOnly={readOnly} maxLength={5000} />
        <Stack gap={2}>
          <Text size="sm" fw={500}>
            {t('documents.columns.links')}
          </Text>
          <RecordLinks links={doc.links} />
        </Stack>
        {update.isError && <ProblemAlert error={update.error} title={t('documents.details.saveFailed')} />}
        {saved && !update.isPending && (
          <Text size="sm" c="green.8" role="status">
            {t('documents.details.saved')}
          </Text>
        )}
        {!readOnly && (
          <Group justify="flex-end">
            <Button type="submit" loading={update.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        )}
        {readOnly && (
          <Text size="xs" c="dimmed">
            {t('documents.details.readOnly')}
          </Text>
        )}
      </Stack>
    </form>
  );
}

