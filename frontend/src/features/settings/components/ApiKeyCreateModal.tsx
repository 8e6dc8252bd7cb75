import { ActionIcon, Alert, Button, Code, CopyButton, Group, Modal, MultiSelect, Select, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/ProblemAlert';
import { SCOPES, type ApiKeyCreated, type Scope, type User } from '../api/types';
import { useCreateApiKey } from '../api/use-create-api-key';
import { applyServerErrors } from './form-error';

interface Values {
  name: string;
  scopes: Scope[];
  user_id: string | null;
  expires_at: string;
  [k: string]: unknown;
}

/** The end of a calendar day (YYYY-MM-DD) in the browser's time zone, as an ISO instant. */
export function endOfDayIso(day: string): string {
  return new Date(`${day}T23:59:59`).toISOString();
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

interface Props {
  opened: boolean;
  onClose: () => void;
  users: User[];
  meId?: string;
}

/** Create an API key; on success the secret is shown ONCE (kept only in this component's state). */
export function ApiKeyCreateModal({ opened, onClose, users, meId }: Props) {
  const { t } = useTranslation();
  const create = useCreateApiKey();
  const [created, setCreated] = useState<ApiKeyCreated | null>(null);
  const [general, setGeneral] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { name: '', scopes: [], user_id: meId ?? null, expires_at: '' },
    validate: {
      name: (v) => (v.trim() ? null : t('settings.apiKeys.nameRequired')),
      scopes: (v) => (v.length > 0 ? null : t('settings.apiKeys.scopesRequired')),
      expires_at: (v) => (v && v < today() ? t('settings.apiKeys.expiryPast') : null),
    },
  });

  const submit = form.onSubmit((v) => {
    setGeneral([]);
    setError(null);
    create.mutate(
      {
        name: v.name.trim(),
        scopes: v.scopes,
        user_id: v.user_id,
        expires_at: v.expires_at ? endOfDayIso(v.expires_at) : null,
      },
      {
        onSuccess: setCreated,
        onError: (e) => {
          const r = applyServerErrors(form, e);
          setGeneral(r.general);
          setError(r.error);
        },
      },
    );
  });

  if (created) {
    return (
      <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={opened} onClose={onClose} title={t('settings.apiKeys.createdTitle', { name: created.name })} centered size="lg" closeOnClickOutside={false}>
        <Stack>
          <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} title={t('settings.apiKeys.onceTitle')}>
            {t('settings.apiKeys.onceBody')}
          </Alert>
          <Group wrap="nowrap" gap="xs" align="center">
            <Code block style={{ flex: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap' }} data-testid="api-key-secret">
              {created.key}
            </Code>
            <CopyButton value={created.key} timeout={2000}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? t('settings.apiKeys.copied') : t('settings.apiKeys.copy')} withArrow>
                  <ActionIcon
                    variant={copied ? 'filled' : 'light'}
                    color={copied ? 'teal' : 'indigo'}
                    size="lg"
                    onClick={copy}
                    aria-label={t('settings.apiKeys.copy')}
                  >
                    {copied ? <IconCheck size={18} /> : <IconCopy size={18} />}
                  </ActionIcon>
                </Tooltip>
              )}
            </CopyButton>
          </Group>
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('settings.apiKeys.done')}</Button>
          </Group>
        </Stack>
      </Modal>
    );
  }

  return (
    <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={opened} onClose={onClose} title={t('settings.apiKeys.createTitle')} centered size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          {general.length > 0 && (
            <Alert color="red" variant="light" role="alert" title={t('customers.form.fixErrors')}>
              {general.map((g, i) => (
                <Text size="sm" key={i}>
                  {g}
                </Text>
              ))}
            </Alert>
          )}
          {error !== null && <ProblemAlert error={error} />}
          <TextInput label={t('settings.apiKeys.name')} required data-autofocus {...form.getInputProps('name')} />
          <MultiSelect
            label={t('settings.apiKeys.scopes')}
            description={t('settings.apiKeys.scopesHint')}
            required
            searchable
            data={SCOPES.map((s) => ({ value: s, label: s }))}
            {...form.getInputProps('scopes')}
          />
          <Select
            label={t('settings.apiKeys.actingUser')}
            description={t('settings.apiKeys.actingUserHint')}
            searchable
            allowDeselect={false}
            data={users.filter((u) => u.is_active).map((u) => ({ value: u.id, label: `${u.full_name} (${u.email})` }))}
            {...form.getInputProps('user_id')}
          />
          <TextInput
            type="date"
            label={t('settings.apiKeys.expires')}
            description={t('settings.apiKeys.expiresHint')}
            min={today()}
            w={240}
            {...form.getInputProps('expires_at')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('settings.apiKeys.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
