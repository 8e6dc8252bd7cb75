import { Alert, Anchor, CloseButton, FileButton, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { IconAlertCircle, IconCircleCheck, IconInfoCircle, IconMailUp } from '@tabler/icons-react';
import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/api/errors';
import { ProblemAlert } from '@/components/ProblemAlert';
import type { EmailLogged, RecordType } from './api/types';
import { useLogEmail } from './api/use-log-email';

type Outcome =
  | { kind: 'logged'; subject: string }
  | { kind: 'already'; elsewhere: boolean; subject: string }
  | { kind: 'nobody'; detail: string }
  | { kind: 'conflict'; detail: string }
  | { kind: 'notEml' }
  | { kind: 'error'; error: unknown };

const isEml = (f: File) => /\.eml$/i.test(f.name) || f.type === 'message/rfc822';

interface Props {
  recordType: RecordType;
  recordId: string;
}

/** Drag an .eml file here (or pick one) to log the e-mail on this record, with upload progress. */
export function EmailDropZone({ recordType, recordId }: Props) {
  const { t } = useTranslation();
  const logEmail = useLogEmail();
  const [progress, setProgress] = useState<number | null>(null);
  const [uploading, setUploading] = useState<string | null>(null);
  const [over, setOver] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const upload = (file: File | null | undefined) => {
    if (!file) return;
    if (!isEml(file)) {
      setOutcome({ kind: 'notEml' });
      return;
    }
    setOutcome(null);
    setProgress(0);
    setUploading(file.name);
    logEmail.mutate(
      { file, recordType, recordId, onProgress: setProgress },
      {
        onSuccess: (r: EmailLogged) => {
          const subject = r.interaction.subject || t('timeline.email.noSubject');
          const i = r.interaction;
          const here = (recordType === 'customer' ? i.customer_id : recordType === 'lead' ? i.lead_id : i.deal_id) === recordId;
          setOutcome(r.created ? { kind: 'logged', subject } : { kind: 'already', elsewhere: !here, subject });
        },
        onError: (e) => {
          if (isApiError(e, 422) && e.fieldErrors.some((f) => f.loc.includes('customer_id'))) setOutcome({ kind: 'nobody', detail: e.fieldErrors[0]?.msg ?? '' });
          else if (isApiError(e, 409)) setOutcome({ kind: 'conflict', detail: e.problem?.detail ?? '' });
          else setOutcome({ kind: 'error', error: e });
        },
        onSettled: () => {
          setProgress(null);
          setUploading(null);
        },
      },
    );
  };

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setOver(false);
    upload(e.dataTransfer.files?.[0]);
  };

  const dismiss = <CloseButton size="sm" aria-label={t('common.close')} onClick={() => setOutcome(null)} />;

  return (
    <Stack gap="xs">
      <Paper
        withBorder
        p="sm"
        radius="md"
        data-testid="eml-drop-zone"
        aria-busy={uploading ? true : undefined}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        style={{
          borderStyle: 'dashed',
          borderColor: over ? 'var(--mantine-color-indigo-5)' : undefined,
          background: over ? 'var(--mantine-color-indigo-0)' : undefined,
        }}
      >
        {uploading ? (
          <Stack gap={6}>
            <Text size="sm">{t('timeline.email.uploading', { name: uploading })}</Text>
            <Progress value={Math.round((progress ?? 0) * 100)} animated striped aria-label={t('timeline.email.progress')} />
          </Stack>
        ) : (
          <Group gap="xs" wrap="nowrap">
            <IconMailUp size={20} color="var(--mantine-color-dimmed)" />
            <Text size="sm" c="dimmed">
              {t('timeline.email.drop')}{' '}
              <FileButton onChange={upload} accept=".eml,message/rfc822">
                {(props) => (
                  <Anchor component="button" type="button" size="sm" {...props}>
                    {t('timeline.email.pick')}
                  </Anchor>
                )}
              </FileButton>
            </Text>
          </Group>
        )}
      </Paper>
      {outcome?.kind === 'logged' && (
        <Alert color="green" variant="light" icon={<IconCircleCheck size={18} />} title={t('timeline.email.logged')} role="status" withCloseButton={false}>
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Text size="sm">{t('timeline.email.loggedBody', { subject: outcome.subject })}</Text>
            {dismiss}
          </Group>
        </Alert>
      )}
      {outcome?.kind === 'already' && (
        <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />} title={t('timeline.email.already')} role="status">
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Text size="sm">{t(outcome.elsewhere ? 'timeline.email.alreadyElsewhere' : 'timeline.email.alreadyBody', { subject: outcome.subject })}</Text>
            {dismiss}
          </Group>
        </Alert>
      )}
      {(outcome?.kind === 'nobody' || outcome?.kind === 'conflict' || outcome?.kind === 'notEml') && (
        <Alert color="orange" variant="light" icon={<IconAlertCircle size={18} />} title={t(`timeline.email.${outcome.kind}`)} role="alert">
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Text size="sm">{outcome.kind === 'notEml' ? t('timeline.email.notEmlBody') : outcome.kind === 'nobody' ? t('timeline.email.nobodyBody') : outcome.detail || t('timeline.email.conflictBody')}</Text>
            {dismiss}
          </Group>
        </Alert>
      )}
      {outcome?.kind === 'error' && <ProblemAlert error={outcome.error} title={t('timeline.email.failed')} />}
    </Stack>
  );
}
