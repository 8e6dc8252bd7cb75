import { Autocomplete, Button, Group, Modal, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/api/errors';
import { ProblemAlert } from '@/components/ProblemAlert';
import { fromLocalInput, toLocalInput } from '@/lib/datetime';
import { locToPath } from '@/lib/form-errors';
import { DIRECTED_TYPES, INTERACTION_TYPES, type InteractionCreate, type InteractionType, type RecordType } from './api/types';
import { useLogInteraction } from './api/use-log-interaction';

const OUTCOMES = ['connected', 'voicemail', 'noAnswer', 'interested', 'notInterested', 'followUp'] as const;
const FIELD_OF: Record<string, string> = {
  type: 'type',
  direction: 'direction',
  occurred_at: 'when',
  duration_seconds: 'duration',
  subject: 'subject',
  body: 'body',
  outcome: 'outcome',
};

interface Props {
  recordType: RecordType;
  recordId: string;
  initialType: InteractionType;
  onClose: () => void;
}

const titleKey = (type: InteractionType) => (type === 'call' || type === 'meeting' || type === 'note' ? type : 'other');

/** Log a call, meeting, note (or any other interaction) on the record: type, when, duration, subject, notes, outcome. */
export function LogInteractionModal({ recordType, recordId, initialType, onClose }: Props) {
  const { t } = useTranslation();
  const log = useLogInteraction();
  const [type, setType] = useState<InteractionType>(initialType);
  const [direction, setDirection] = useState<'outbound' | 'inbound'>('outbound');
  const [when, setWhen] = useState(() => toLocalInput(new Date()));
  const [minutes, setMinutes] = useState<number | string>('');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [outcome, setOutcome] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const isNote = type === 'note';
  const directed = DIRECTED_TYPES.includes(type);
  const serverErrors: Record<string, string> = {};
  if (isApiError(log.error, 422)) {
    for (const e of log.error.fieldErrors) {
      const f = FIELD_OF[locToPath(e.loc)];
      if (f) serverErrors[f] = e.msg;
    }
  }
  const err = (k: string) => errors[k] ?? serverErrors[k];
  const unplaced = log.error && Object.keys(serverErrors).length === 0;

  return (
    <Modal opened onClose={onClose} title={t(`timeline.log.title.${titleKey(initialType)}`)} centered size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const next: Record<string, string> = {};
          const occurredAt = fromLocalInput(when);
          if (!occurredAt) next.when = t('timeline.log.whenInvalid');
          if (isNote && !body.trim() && !subject.trim()) next.body = t('timeline.log.noteRequired');
          const m = minutes === '' ? null : Number(minutes);
          if (m !== null && (!Number.isFinite(m) || m < 0)) next.duration = t('timeline.log.durationInvalid');
          setErrors(next);
          if (Object.keys(next).length > 0) return;
          const payload: InteractionCreate = {
            type,
            occurred_at: occurredAt,
            subject: subject.trim() || undefined,
            body: body.trim() || undefined,
            [`${recordType}_id`]: recordId,
          };
          if (directed) payload.direction = direction;
          if (!isNote) {
            if (m !== null) payload.duration_seconds = Math.round(m * 60);
            if (outcome.trim()) payload.outcome = outcome.trim();
          }
          log.mutate(payload, {
            onSuccess: () => {
              notifications.show({ color: 'green', message: t(`timeline.log.saved.${titleKey(type)}`) });
              onClose();
            },
          });
        }}
      >
        <Stack gap="sm">
          {unplaced ? <ProblemAlert error={log.error} /> : null}
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <Select
              label={t('timeline.log.type')}
              data={INTERACTION_TYPES.map((v) => ({ value: v, label: t(`timeline.types.${v}`) }))}
              value={type}
              allowDeselect={false}
              onChange={(v) => v && setType(v as InteractionType)}
              error={err('type')}
            />
            <TextInput type="datetime-local" label={t('timeline.log.when')} required value={when} onChange={(e) => setWhen(e.currentTarget.value)} error={err('when')} />
          </SimpleGrid>
          {directed && (
            <Stack gap={4}>
              <Text size="sm" fw={500} id="log-direction-label">
                {t('timeline.log.direction')}
              </Text>
              <SegmentedControl
                aria-labelledby="log-direction-label"
                value={direction}
                onChange={(v) => setDirection(v as 'outbound' | 'inbound')}
                data={[
                  { value: 'outbound', label: t('timeline.direction.outbound') },
                  { value: 'inbound', label: t('timeline.direction.inbound') },
                ]}
              />
            </Stack>
          )}
          <TextInput label={t('timeline.log.subject')} data-autofocus value={subject} maxLength={300} onChange={(e) => setSubject(e.currentTarget.value)} error={err('subject')} />
          <Textarea label={t('timeline.log.notes')} autosize minRows={3} maxRows={10} value={body} onChange={(e) => setBody(e.currentTarget.value)} error={err('body')} />
          {!isNote && (
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
              <NumberInput label={t('timeline.log.duration')} min={0} max={24 * 60} allowDecimal={false} value={minutes} onChange={setMinutes} error={err('duration')} />
              <Autocomplete
                label={t('timeline.log.outcome')}
                data={OUTCOMES.map((o) => t(`timeline.log.outcomes.${o}`))}
                value={outcome}
                maxLength={200}
                onChange={setOutcome}
                error={err('outcome')}
              />
            </SimpleGrid>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={log.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
