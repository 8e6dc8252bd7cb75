import { Button, Checkbox, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/ProblemAlert';
import { COMMON_CURRENCIES } from '@/lib/money';
import type { Pipeline } from '../api/types';
import { useCreatePipeline } from '../api/use-create-pipeline';
import { applyServerErrors } from './form-error';

interface Values {
  name: string;
  currency: string;
  is_default: boolean;
  [k: string]: unknown;
}

/** New pipeline; the server gives it a standard set of stages to start from. */
export function PipelineFormModal({ onClose, onCreated }: { onClose: () => void; onCreated: (p: Pipeline) => void }) {
  const { t } = useTranslation();
  const create = useCreatePipeline();
  const [error, setError] = useState<unknown>(null);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { name: '', currency: '', is_default: false },
    validate: { name: (v) => (v.trim() ? null : t('settings.pipelines.nameRequired')) },
  });
  const submit = form.onSubmit((values) => {
    setError(null);
    create.mutate(
      { name: values.name.trim(), currency: values.currency || undefined, is_default: values.is_default },
      {
        onSuccess: (p) => {
          notifications.show({ color: 'green', message: t('settings.pipelines.created', { name: p.name }) });
          onCreated(p);
        },
        onError: (e) => setError(applyServerErrors(form, e).error),
      },
    );
  });
  return (
    <Modal opened onClose={onClose} title={t('settings.pipelines.new')} centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {error !== null && <ProblemAlert error={error} />}
          <TextInput label={t('settings.pipelines.name')} required data-autofocus {...form.getInputProps('name')} />
          <Select
            label={t('settings.pipelines.currency')}
            placeholder={t('settings.pipelines.currencyDefault')}
            data={COMMON_CURRENCIES}
            searchable
            clearable
            value={form.getValues().currency || null}
            onChange={(v) => form.setFieldValue('currency', v ?? '')}
            error={form.errors.currency}
          />
          <Checkbox label={t('settings.pipelines.isDefault')} {...form.getInputProps('is_default', { type: 'checkbox' })} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
