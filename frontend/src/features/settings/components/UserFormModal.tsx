import { Alert, Button, Group, Modal, PasswordInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/api/errors';
import { ProblemAlert } from '@/components/ProblemAlert';
import { ROLES, USER_LOCALES, type Role, type User, type UserLocale, type UserUpdate } from '../api/types';
import { useCreateUser } from '../api/use-create-user';
import { useUpdateUser } from '../api/use-update-user';
import { useUser } from '../api/use-user';
import { ConflictModal } from './ConflictModal';
import { applyServerErrors } from './form-error';

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const MIN_PASSWORD = 10;

interface Values {
  email: string;
  full_name: string;
  password: string;
  role: Role;
  manager_id: string | null;
  locale: UserLocale;
  [key: string]: unknown;
}

function toValues(u?: User): Values {
  return {
    email: u?.email ?? '',
    full_name: u?.full_name ?? '',
    password: '',
    role: u?.role ?? 'sales',
    manager_id: u?.manager_id ?? null,
    locale: u?.locale === 'ko' ? 'ko' : 'en',
  };
}

interface Props {
  opened: boolean;
  onClose: () => void;
  /** The user being edited; absent when creating. */
  user?: User;
  users: User[];
}

/** Create a user, or edit role / manager / name / locale (PATCH with If-Match). Mounted per user. */
export function UserFormModal({ opened, onClose, user, users }: Props) {
  const { t } = useTranslation();
  const create = useCreateUser();
  const update = useUpdateUser();
  const latest = useUser(user?.id ?? '', false);
  const [initial, setInitial] = useState(() => toValues(user));
  const [version, setVersion] = useState(user?.version ?? 0);
  const [general, setGeneral] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [conflict, setConflict] = useState(false);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: initial,
    validate: {
      email: (v) => (user ? null : EMAIL_RE.test(v.trim()) ? null : t('settings.users.emailInvalid')),
      full_name: (v) => (v.trim() ? null : t('settings.users.nameRequired')),
      password: (v) => (user || v.length >= MIN_PASSWORD ? null : t('settings.users.passwordShort', { min: MIN_PASSWORD })),
    },
  });

  const onError = (e: unknown) => {
    if (isApiError(e, 412)) {
      setConflict(true);
      return;
    }
    const r = applyServerErrors(form, e);
    setGeneral(r.general);
    setError(r.error);
  };

  const submit = form.onSubmit((v) => {
    setGeneral([]);
    setError(null);
    if (user) {
      const changes: UserUpdate = {};
      if (v.full_name.trim() !== initial.full_name) changes.full_name = v.full_name.trim();
      if (v.role !== initial.role) changes.role = v.role;
      if (v.manager_id !== initial.manager_id) changes.manager_id = v.manager_id;
      if (v.locale !== initial.locale) changes.locale = v.locale;
      if (Object.keys(changes).length === 0) {
        onClose();
        return;
      }
      update.mutate(
        { id: user.id, version, changes },
        {
          onSuccess: (u) => {
            notifications.show({ color: 'green', message: t('settings.users.saved', { name: u.full_name }) });
            onClose();
          },
          onError,
        },
      );
    } else {
      create.mutate(
        {
          email: v.email.trim(),
          full_name: v.full_name.trim(),
          password: v.password,
          role: v.role,
          manager_id: v.manager_id,
          locale: v.locale,
        },
        {
          onSuccess: (u) => {
            notifications.show({ color: 'green', message: t('settings.users.created', { name: u.full_name }) });
            onClose();
          },
          onError,
        },
      );
    }
  });

  const reload = async () => {
    const r = await latest.refetch();
    setConflict(false);
    if (r.data) {
      const next = toValues(r.data);
      setInitial(next);
      setVersion(r.data.version);
      form.setValues(next);
      form.resetDirty(next);
      form.clearErrors();
      notifications.show({ message: t('settings.reloaded') });
    }
  };

  const managers = users
    .filter((u) => u.is_active && u.id !== user?.id)
    .map((u) => ({ value: u.id, label: u.full_name || u.email }));

  return (
    <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={opened} onClose={onClose} title={user ? t('settings.users.editTitle', { name: user.full_name }) : t('settings.users.createTitle')} centered>
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
          {user ? (
            <TextInput label={t('settings.users.email')} value={user.email} readOnly disabled />
          ) : (
            <TextInput label={t('settings.users.email')} type="email" required data-autofocus {...form.getInputProps('email')} />
          )}
          <TextInput label={t('settings.users.fullName')} required {...form.getInputProps('full_name')} />
          {!user && (
            <PasswordInput
              label={t('settings.users.password')}
              description={t('settings.users.passwordHint', { min: MIN_PASSWORD })}
              required
              autoComplete="new-password"
              {...form.getInputProps('password')}
            />
          )}
          <Select
            label={t('settings.users.role')}
            required
            allowDeselect={false}
            data={ROLES.map((r) => ({ value: r, label: t(`user.role.${r}`) }))}
            {...form.getInputProps('role')}
          />
          <Select
            label={t('settings.users.manager')}
            placeholder={t('settings.users.noManager')}
            clearable
            searchable
            data={managers}
            {...form.getInputProps('manager_id')}
          />
          <Select
            label={t('settings.users.locale')}
            allowDeselect={false}
            data={USER_LOCALES.map((l) => ({ value: l, label: t(`locale.${l}`) }))}
            {...form.getInputProps('locale')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending || update.isPending}>
              {user ? t('common.save') : t('settings.users.create')}
            </Button>
          </Group>
        </Stack>
      </form>
      <ConflictModal opened={conflict} onClose={() => setConflict(false)} onReload={() => void reload()} />
    </Modal>
  );
}
