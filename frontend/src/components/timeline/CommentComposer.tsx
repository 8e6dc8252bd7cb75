import { Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconSend } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/api/errors';
import { emptyMention, MentionTextarea, type MentionValue } from '@/components/MentionTextarea';
import { ProblemAlert } from '@/components/ProblemAlert';
import type { DirectoryUser } from '@/hooks/use-user-directory';
import type { RecordType } from './api/types';
import { useCreateComment } from './api/use-create-comment';

interface Props {
  recordType: RecordType;
  recordId: string;
  users: readonly DirectoryUser[];
  meId?: string;
}

/** Write a comment on the record; `@` mentions notify colleagues (who must be able to see the record). */
export function CommentComposer({ recordType, recordId, users, meId }: Props) {
  const { t } = useTranslation();
  const create = useCreateComment();
  const [value, setValue] = useState<MentionValue>(emptyMention);
  const [missing, setMissing] = useState(false);
  const [sent, setSent] = useState<string[]>([]);
  const mentionable = useMemo(
    () => users.filter((u) => u.is_active && u.id !== meId).map((u) => ({ id: u.id, name: u.full_name || u.email, email: u.email })),
    [users, meId],
  );
  const nameOf = (id: string | undefined) => mentionable.find((u) => u.id === id)?.name ?? id ?? '';

  // 422 at ["body", "mentions", i]: the i-th mentioned user can't see this record.
  const mentionErrors = isApiError(create.error, 422)
    ? create.error.fieldErrors
        .filter((f) => f.loc[0] === 'body' && f.loc[1] === 'mentions')
        .map((f) => (f.type === 'mention_not_visible' ? t('timeline.comment.mentionCannotSee', { name: nameOf(sent[Number(f.loc[2])]) }) : f.msg))
    : [];
  const bodyErrors = isApiError(create.error, 422) ? create.error.fieldErrors.filter((f) => f.loc[1] === 'body').map((f) => f.msg) : [];
  const fieldError = (missing ? t('timeline.comment.required') : undefined) ?? ([...mentionErrors, ...bodyErrors].join(' ') || undefined);
  const otherError = create.error && mentionErrors.length === 0 && bodyErrors.length === 0;

  const submit = () => {
    const body = value.text.trim();
    if (!body) {
      setMissing(true);
      return;
    }
    setSent(value.mentions);
    create.mutate(
      { recordType, recordId, body, mentions: value.mentions },
      {
        onSuccess: () => {
          setValue(emptyMention);
          notifications.show({ color: 'green', message: t('timeline.comment.posted') });
        },
      },
    );
  };

  return (
    <form
      noValidate
      aria-label={t('timeline.comment.form')}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="xs">
        <MentionTextarea
          label={t('timeline.comment.label')}
          placeholder={t('timeline.comment.placeholder')}
          users={mentionable}
          value={value}
          minRows={2}
          onChange={(v) => {
            setValue(v);
            setMissing(false);
            if (create.error) create.reset();
          }}
          error={fieldError}
          onSubmitShortcut={submit}
        />
        {otherError ? <ProblemAlert error={create.error} /> : null}
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            {t('timeline.comment.hint')}
          </Text>
          <Button type="submit" size="sm" leftSection={<IconSend size={14} />} loading={create.isPending}>
            {t('timeline.comment.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
