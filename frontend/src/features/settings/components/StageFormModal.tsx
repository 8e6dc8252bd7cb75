import { Alert, Button, Group, Modal, NumberInput, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/ProblemAlert';
import { STAGE_KINDS, type Stage, type StageKind } from '../api/types';
import { useCreateStage } from '../api/use-create-stage';
import { useUpdateStage } from '../api/use-update-stage';
import { applyServerErrors } from './form-error';

interface Values {
  name: string;
  probability: number | string;
  kind: StageKind;
  rotting_days: number | string;
  [k: string]: unknown;
}

/** Add or edit a stage: name, win probability, kind (open / won / lost) and rotting days. */
export function StageFormModal({ pipelineId, stage, onClose }: { pipelineId: string; stage?: Stage; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateStage();
  const update = useUpdateStage();
  const [general, setGeneral] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      name: stage?.name ?? '',
      probability: stage?.probability ?? 10,
      kind: stage?.kind ?? 'open',
      rotting_days: stage?.rotting_days ?? '',
    },
    validate: {
      name: (v) => (v.trim() ? null : t('settings.pipelines.stageNameRequired')),
      probability: (v) => (typeof v === 'number' && v >= 0 && v <= 100 ? null : t('settings.pipelines.probabilityInvalid')),
      rotting_days: (v) => (v === '' || (typeof v === 'number' && v >= 1) ? null : t('settings.pipelines.rottingInvalid')),
    },
  });
  const v = form.getValues();

  const onError = (e: unknown) => {
    const r = applyServerErrors(form, e);
    setGeneral(r.general);
    setError(r.error);
  };
  const submit = form.onSubmit((values) => {
    setGeneral([]);
    setError(null);
    const body = {
      name: values.name.trim(),
      probability: Number(values.probability),
      kind: values.kind,
      rotting_days: values.rotting_days === '' ? null : Number(values.rotting_days),
    };
    const done = () => {
      notifications.show({ color: 'green', message: t('settings.pipelines.stageSaved', { name: body.name }) });
      onClose();
    };
    if (stage) update.mutate({ pipelineId, stageId: stage.id, changes: body }, { onSuccess: done, onError });
    else create.mutate({ pipelineId, body }, { onSuccess: done, onError });
  });

  return (
    <Modal
      opened
      onClose={onClose}
      title={stage ? t('settings.pipelines.editStage', { name: stage.name }) : t('settings.pipelines.newStage')}
      centered
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {general.length > 0 && (
            <Alert color="red" variant="light" role="alert">
              {general.map((g, i) => (
                <Text size="sm" key={i}>
                  {g}
                </Text>
              ))}
            </Alert>
          )}
          {error !== null && <ProblemAlert error={error} />}
          <TextInput label={t('settings.pipelines.stageName')} required data-autofocus {...form.getInputProps('name')} />
          <div>
            <Text size="sm" fw={500} mb={4} id="stage-kind-label">
              {t('settings.pipelines.kind')}
            </Text>
            <SegmentedControl
              aria-labelledby="stage-kind-label"
              value={v.kind}
              onChange={(k) => {
                form.setFieldValue('kind', k as StageKind);
                if (k === 'won') form.setFieldValue('probability', 100);
                if (k === 'lost') form.setFieldValue('probability', 0);
              }}
              data={STAGE_KINDS.map((k) => ({ value: k, label: t(`settings.pipelines.kinds.${k}`) }))}
            />
          </div>
          <Group grow>
            <NumberInput label={t('settings.pipelines.probability')} min={0} max={100} suffix="%" allowDecimal={false} {...form.getInputProps('probability')} />
            <NumberInput
              label={t('settings.pipelines.rottingDays')}
              description={t('settings.pipelines.rottingHelp')}
              min={1}
              allowDecimal={false}
              {...form.getInputProps('rotting_days')}
            />
          </Group>
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
    </Modal>
  );
}
