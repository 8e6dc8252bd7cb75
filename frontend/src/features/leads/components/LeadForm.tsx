import { ActionIcon, Alert, Button, Card, Checkbox, Group, NumberInput, Select, SimpleGrid, Stack, TagsInput, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, isApiError } from '@/api/errors';
import { ProblemAlert } from '@/components/ProblemAlert';
import { hasPath, mapFieldErrors } from '@/lib/form-errors';
import { LEAD_SOURCES, OPEN_LEAD_STATUSES } from '@/lib/leads';
import type { Lead } from '../api/types';
import { useCreateLead } from '../api/use-create-lead';
import { useUpdateLead } from '../api/use-update-lead';
import { useUsers } from '../api/use-users';
import { LeadConflictModal } from './LeadConflictModal';
import { toCreatePayload, toFormValues, toUpdatePayload, type LeadFormValues } from './lead-form-values';

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_RE = /^\+?[0-9 ()\-.]{6,24}$/;

interface Props {
  /** The lead being edited; absent when creating. */
  lead?: Lead;
  onSaved: (l: Lead) => void;
  onCancel: () => void;
  /** Re-fetch the latest version after a 412 (edit only). */
  onReloadLatest?: () => Promise<Lead | undefined>;
}

function Section({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <Card withBorder radius="md" padding="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        {action}
      </Group>
      <Stack gap="sm">{children}</Stack>
    </Card>
  );
}

/** Create or edit a lead; client checks first, then the server's 422s land on their fields. */
export function LeadForm({ lead, onSaved, onCancel, onReloadLatest }: Props) {
  const { t } = useTranslation();
  const [initial, setInitial] = useState(() => toFormValues(lead));
  const [version, setVersion] = useState(lead?.version ?? 0);
  const [general, setGeneral] = useState<string[]>([]);
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [conflict, setConflict] = useState(false);
  const create = useCreateLead();
  const update = useUpdateLead();
  const users = useUsers();

  const form = useForm<LeadFormValues>({
    mode: 'controlled',
    initialValues: initial,
    validate: {
      first_name: (_, values) =>
        [values.first_name, values.last_name, values.company_name, ...values.emails.map((e) => e.value)].some((x) => x.trim())
          ? null
          : t('leads.form.identityRequired'),
      emails: { value: (v) => (v.trim() && !EMAIL_RE.test(v.trim()) ? t('leads.form.emailInvalid') : null) },
      phones: { value: (v) => (v.trim() && !PHONE_RE.test(v.trim()) ? t('leads.form.phoneInvalid') : null) },
      country: (v) => (v.trim() && !/^[A-Za-z]{2}$/.test(v.trim()) ? t('leads.form.countryInvalid') : null),
      website: (v) => (v.trim() && /\s/.test(v.trim()) ? t('leads.form.urlInvalid') : null),
      company_size: (v) => (v === '' || (Number.isInteger(Number(v)) && Number(v) >= 1) ? null : t('leads.form.sizeInvalid')),
    },
  });
  const v = form.getValues();

  const handleError = (e: unknown) => {
    if (isApiError(e, 412)) {
      setConflict(true);
      return;
    }
    if (isApiError(e, 422) && e.fieldErrors.length > 0) {
      const { fields, general: rest } = mapFieldErrors(e.fieldErrors, (p) => hasPath(form.getValues(), p));
      form.setErrors(fields);
      setGeneral(rest);
      setSubmitError(Object.keys(fields).length > 0 || rest.length > 0 ? null : e);
      return;
    }
    setSubmitError(e);
  };

  const submit = form.onSubmit(
    (values) => {
      setGeneral([]);
      setSubmitError(null);
      if (lead) {
        const changes = toUpdatePayload(initial, values);
        if (Object.keys(changes).length === 0) {
          onSaved(lead);
          return;
        }
        update.mutate({ id: lead.id, version, changes }, { onSuccess: onSaved, onError: handleError });
      } else {
        create.mutate(toCreatePayload(values), { onSuccess: onSaved, onError: handleError });
      }
    },
    () => setGeneral([t('leads.form.fixErrors')]),
  );

  const reloadLatest = async () => {
    const latest = await onReloadLatest?.();
    setConflict(false);
    if (latest) {
      const next = toFormValues(latest);
      setInitial(next);
      setVersion(latest.version);
      form.setValues(next);
      form.resetDirty(next);
      form.clearErrors();
    }
  };

  const contactList = (key: 'emails' | 'phones', inputLabel: string, type: 'email' | 'tel') =>
    v[key].map((_, i) => (
      <Group key={i} align="flex-start" wrap="nowrap">
        <TextInput label={inputLabel} type={type} style={{ flex: 2 }} {...form.getInputProps(`${key}.${i}.value`)} />
        <TextInput label={t('leads.fields.label')} style={{ flex: 1 }} {...form.getInputProps(`${key}.${i}.label`)} />
        <Checkbox mt={32} label={t('leads.fields.primary')} {...form.getInputProps(`${key}.${i}.primary`, { type: 'checkbox' })} />
        <ActionIcon mt={28} variant="subtle" color="red" aria-label={t('common.remove')} onClick={() => form.removeListItem(key, i)}>
          <IconTrash size={16} />
        </ActionIcon>
      </Group>
    ));

  const addButton = (key: 'emails' | 'phones', label: string) => (
    <Button
      size="xs"
      variant="light"
      leftSection={<IconPlus size={14} />}
      onClick={() => form.insertListItem(key, { label: 'work', value: '', primary: v[key].length === 0 })}
    >
      {label}
    </Button>
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {general.length > 0 && (
          <Alert color="red" variant="light" role="alert" title={t('leads.form.fixErrors')}>
            {general.filter((g) => g !== t('leads.form.fixErrors')).map((g, i) => (
              <Text size="sm" key={i}>
                {g}
              </Text>
            ))}
          </Alert>
        )}
        {submitError !== null && !(submitError instanceof ApiError && submitError.status === 422 && general.length > 0) && (
          <ProblemAlert error={submitError} />
        )}

        <Section title={t('leads.form.person')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('leads.fields.first_name')} data-autofocus {...form.getInputProps('first_name')} />
            <TextInput label={t('leads.fields.last_name')} {...form.getInputProps('last_name')} />
            <TextInput label={t('leads.fields.company_name')} {...form.getInputProps('company_name')} />
            <TextInput label={t('leads.fields.job_title')} {...form.getInputProps('job_title')} />
          </SimpleGrid>
          <Text size="xs" c="dimmed">
            {t('leads.form.identityHint')}
          </Text>
        </Section>

        <Section title={t('leads.fields.emails')} action={addButton('emails', t('leads.form.addEmail'))}>
          {contactList('emails', t('leads.fields.email'), 'email')}
        </Section>
        <Section title={t('leads.fields.phones')} action={addButton('phones', t('leads.form.addPhone'))}>
          {contactList('phones', t('leads.fields.phone'), 'tel')}
        </Section>

        <Section title={t('leads.form.company')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('leads.fields.website')} {...form.getInputProps('website')} />
            <TextInput label={t('leads.fields.industry')} {...form.getInputProps('industry')} />
            <TextInput label={t('leads.fields.country')} placeholder={t('leads.form.countryHint')} maxLength={2} {...form.getInputProps('country')} />
            <NumberInput label={t('leads.fields.company_size')} min={1} allowDecimal={false} allowNegative={false} {...form.getInputProps('company_size')} />
          </SimpleGrid>
        </Section>

        <Section title={t('leads.form.tracking')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('leads.fields.source')}
              data={LEAD_SOURCES.map((s) => ({ value: s, label: t(`leads.source.${s}`) }))}
              allowDeselect={false}
              {...form.getInputProps('source')}
            />
            <TextInput label={t('leads.fields.campaign')} {...form.getInputProps('campaign')} />
            <Select
              label={t('leads.fields.owner')}
              placeholder={lead ? undefined : t('leads.form.ownerAuto')}
              description={lead ? undefined : t('leads.form.ownerHint')}
              searchable
              clearable={!lead}
              allowDeselect={!lead}
              data={(users.data ?? []).map((u) => ({ value: u.id, label: u.full_name || u.email }))}
              {...form.getInputProps('owner_id')}
            />
            {!lead && (
              <Select
                label={t('leads.fields.status')}
                data={OPEN_LEAD_STATUSES.map((s) => ({ value: s, label: t(`leads.status.${s}`) }))}
                allowDeselect={false}
                {...form.getInputProps('status')}
              />
            )}
          </SimpleGrid>
          <TagsInput label={t('leads.fields.tags')} placeholder={t('leads.form.tagsPlaceholder')} {...form.getInputProps('tags')} />
          <Textarea label={t('leads.fields.notes')} autosize minRows={3} {...form.getInputProps('notes')} />
        </Section>

        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
      <LeadConflictModal opened={conflict} onClose={() => setConflict(false)} onReload={() => void reloadLatest()} />
    </form>
  );
}
