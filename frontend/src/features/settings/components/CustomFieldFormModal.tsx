import { Alert, Button, Group, Modal, NumberInput, Select, Stack, Switch, TagsInput, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/api/errors';
import { ProblemAlert } from '@/components/ProblemAlert';
import { CUSTOM_FIELD_KEY_RE, FIELD_TYPES, hasOptions, type CustomField, type CustomFieldUpdate, type FieldType } from '../api/types';
import { useCreateCustomField } from '../api/use-create-custom-field';
import { useUpdateCustomField } from '../api/use-update-custom-field';
import { ConflictModal } from './ConflictModal';
import { applyServerErrors } from './form-error';

interface Values {
  key: string;
  label: string;
  type: FieldType;
  options: string[];
  required: boolean;
  position: number | string;
  [k: string]: unknown;
}

function toValues(f?: CustomField, nextPosition = 0): Values {
  return {
    key: f?.key ?? '',
    label: f?.label ?? '',
    type: f?.type ?? 'text',
    options: f?.options ?? [],
    required: f?.required ?? false,
    position: f?.position ?? nextPosition,
  };
}

/** Suggest a key from the label ("Account tier" -> "account_tier"). */
export function keyFromLabel(label: string): string {
  const k = label
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+/, '')
    .replace(/_+$/, '')
    .slice(0, 64);
  return k;
}

interface Props {
  opened: boolean;
  onClose: () => void;
  field?: CustomField;
  nextPosition: number;
  /** Re-read the definitions after a 412 and return the latest version of this one. */
  onReloadLatest: () => Promise<CustomField | undefined>;
}

export function CustomFieldFormModal({ opened, onClose, field, nextPosition, onReloadLatest }: Props) {
  const { t } = useTranslation();
  const create = useCreateCustomField();
  const update = useUpdateCustomField();
  const [initial, setInitial] = useState(() => toValues(field, nextPosition));
  const [version, setVersion] = useState(field?.version ?? 0);
  const [general, setGeneral] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [conflict, setConflict] = useState(false);
  const [keyTouched, setKeyTouched] = useState(Boolean(field));
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: initial,
    validate: {
      key: (v) => (field || CUSTOM_FIELD_KEY_RE.test(v) ? null : t('settings.customFields.keyInvalid')),
      label: (v) => (v.trim() ? null : t('settings.customFields.labelRequired')),
      options: (v, values) =>
        hasOptions(values.type) && v.length === 0 ? t('settings.customFields.optionsRequired') : null,
    },
  });
  const v = form.getValues();

  const onError = (e: unknown) => {
    if (isApiError(e, 412)) {
      setConflict(true);
      return;
    }
    const r = applyServerErrors(form, e);
    setGeneral(r.general);
    setError(r.error);
  };

  const submit = form.onSubmit((values) => {
    setGeneral([]);
    setError(null);
    const position = Number(values.position) || 0;
    const options = hasOptions(values.type) ? values.options.map((o) => o.trim()).filter(Boolean) : null;
    if (field) {
      const changes: CustomFieldUpdate = {};
      if (values.label.trim() !== initial.label) changes.label = values.label.trim();
      if (values.required !== initial.required) changes.required = values.required;
      if (position !== Number(initial.position)) changes.position = position;
      if (options && JSON.stringify(options) !== JSON.stringify(initial.options)) changes.options = options;
      if (Object.keys(changes).length === 0) {
        onClose();
        return;
      }
      update.mutate(
        { id: field.id, version, changes },
        {
          onSuccess: (f) => {
            notifications.show({ color: 'green', message: t('settings.customFields.saved', { label: f.label }) });
            onClose();
          },
          onError,
        },
      );
    } else {
      create.mutate(
        {
          object_type: 'customer',
          key: values.key,
          label: values.label.trim(),
          type: values.type,
          options,
          required: values.required,
          position,
        },
        {
          onSuccess: (f) => {
            notifications.show({ color: 'green', message: t('settings.customFields.created', { label: f.label }) });
            onClose();
          },
          onError,
        },
      );
    }
  });

  const reload = async () => {
    const latest = await onReloadLatest();
    setConflict(false);
    if (latest) {
      const next = toValues(latest);
      setInitial(next);
      setVersion(latest.version);
      form.setValues(next);
      form.resetDirty(next);
      form.clearErrors();
      notifications.show({ message: t('settings.reloaded') });
    }
  };

  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened={opened}
      onClose={onClose}
      title={field ? t('settings.customFields.editTitle', { label: field.label }) : t('settings.customFields.createTitle')}
      centered
      size="lg"
    >
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
          <TextInput
            label={t('settings.customFields.label')}
            required
            data-autofocus
            {...form.getInputProps('label')}
            onChange={(e) => {
              const label = e.currentTarget.value;
              form.setFieldValue('label', label);
              if (!field && !keyTouched) form.setFieldValue('key', keyFromLabel(label));
            }}
          />
          <TextInput
            label={t('settings.customFields.key')}
            description={field ? t('settings.customFields.keyFixed') : t('settings.customFields.keyHint')}
            required={!field}
            disabled={Boolean(field)}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            {...form.getInputProps('key')}
            onChange={(e) => {
              setKeyTouched(true);
              form.setFieldValue('key', e.currentTarget.value);
            }}
          />
          <Select
            label={t('settings.customFields.type')}
            description={field ? t('settings.customFields.typeFixed') : undefined}
            required={!field}
            disabled={Boolean(field)}
            allowDeselect={false}
            data={FIELD_TYPES.map((ft) => ({ value: ft, label: t(`settings.customFields.types.${ft}`) }))}
            {...form.getInputProps('type')}
          />
          {hasOptions(v.type) && (
            <TagsInput
              label={t('settings.customFields.options')}
              description={t('settings.customFields.optionsHint')}
              placeholder={t('settings.customFields.optionsPlaceholder')}
              required
              clearable
              splitChars={[',']}
              {...form.getInputProps('options')}
            />
          )}
          <Group grow align="flex-start">
            <NumberInput
              label={t('settings.customFields.position')}
              description={t('settings.customFields.positionHint')}
              allowDecimal={false}
              {...form.getInputProps('position')}
            />
            <Switch
              mt={28}
              label={t('settings.customFields.required')}
              {...form.getInputProps('required', { type: 'checkbox' })}
            />
          </Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending || update.isPending}>
              {field ? t('common.save') : t('settings.customFields.create')}
            </Button>
          </Group>
        </Stack>
      </form>
      <ConflictModal opened={conflict} onClose={() => setConflict(false)} onReload={() => void reload()} />
    </Modal>
  );
}
