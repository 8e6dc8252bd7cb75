import { Alert, Button, Checkbox, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/api/errors';
import { ProblemAlert } from '@/components/ProblemAlert';
import { COMMON_CURRENCIES } from '@/lib/money';
import type { Pipeline, PipelineUpdate } from '../api/types';
import { useCreatePipeline } from '../api/use-create-pipeline';
import { useUpdatePipeline } from '../api/use-update-pipeline';
import { ConflictModal } from './ConflictModal';
import { applyServerErrors } from './form-error';

interface Values {
  name: string;
  currency: string;
  is_default: boolean;
  [k: string]: unknown;
}

function toValues(p?: Pipeline): Values {
  return { name: p?.name ?? '', currency: p?.currency ?? '', is_default: p?.is_default ?? false };
}

interface Props {
  onClose: () => void;
  /** Called after a create or an update with the saved pipeline. */
  onCreated: (p: Pipeline) => void;
  /** Edit this pipeline (rename, currency, make default) instead of creating one. */
  pipeline?: Pipeline;
  /** Re-read the pipelines after a 412 and return the latest version of this one. */
  onReloadLatest?: () => Promise<Pipeline | undefined>;
}

/** New pipeline (the server gives it a standard set of stages), or edit an existing one. */
export function PipelineFormModal({ onClose, onCreated, pipeline, onReloadLatest }: Props) {
  const { t } = useTranslation();
  const create = useCreatePipeline();
  const update = useUpdatePipeline();
  const [initial, setInitial] = useState(() => toValues(pipeline));
  const [version, setVersion] = useState(pipeline?.version ?? 0);
  const [general, setGeneral] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [conflict, setConflict] = useState(false);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: initial,
    validate: { name: (v) => (v.trim() ? null : t('settings.pipelines.nameRequired')) },
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

  const submit = form.onSubmit((values) => {
    setGeneral([]);
    setError(null);
    if (pipeline) {
      const changes: PipelineUpdate = {};
      if (values.name.trim() !== initial.name) changes.name = values.name.trim();
      if (values.currency && values.currency !== initial.currency) changes.currency = values.currency;
      if (values.is_default && !initial.is_default) changes.is_default = true;
      if (Object.keys(changes).length === 0) {
        onClose();
        return;
      }
      update.mutate(
        { id: pipeline.id, version, changes },
        {
          onSuccess: (p) => {
            notifications.show({ color: 'green', message: t('settings.pipelines.saved', { name: p.name }) });
            onCreated(p);
          },
          onError,
        },
      );
      return;
    }
    create.mutate(
      { name: values.name.trim(), currency: values.currency || undefined, is_default: values.is_default },
      {
        onSuccess: (p) => {
          notifications.show({ color: 'green', message: t('settings.pipelines.created', { name: p.name }) });
          onCreated(p);
        },
        onError,
      },
    );
  });

  const reload = async () => {
    const latest = onReloadLatest ? await onReloadLatest() : undefined;
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
      opened
      onClose={onClose}
      title={pipeline ? t('settings.pipelines.editTitle', { name: pipeline.name }) : t('settings.pipelines.new')}
      centered
      closeButtonProps={{ 'aria-label': t('common.close') }}
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
          <TextInput label={t('settings.pipelines.name')} required data-autofocus {...form.getInputProps('name')} />
          <Select
            label={t('settings.pipelines.currency')}
            placeholder={t('settings.pipelines.currencyDefault')}
            data={COMMON_CURRENCIES}
            searchable
            clearable={!pipeline}
            allowDeselect={!pipeline}
            value={form.getValues().currency || null}
            onChange={(v) => form.setFieldValue('currency', v ?? '')}
            error={form.errors.currency}
          />
          <Checkbox
            label={t('settings.pipelines.isDefault')}
            description={pipeline && initial.is_default ? t('settings.pipelines.alreadyDefault') : undefined}
            disabled={Boolean(pipeline) && initial.is_default}
            {...form.getInputProps('is_default', { type: 'checkbox' })}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending || update.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
      <ConflictModal opened={conflict} onClose={() => setConflict(false)} onReload={() => void reload()} />
    </Modal>
  );
}
