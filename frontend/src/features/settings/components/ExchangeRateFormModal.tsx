import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/api/errors';
import { ProblemAlert } from '@/components/ProblemAlert';
import { RATE_RE, type ExchangeRate, type ExchangeRateUpdate } from '../api/types';
import { useUpdateExchangeRate } from '../api/use-update-exchange-rate';
import { ConflictModal } from './ConflictModal';
import { applyServerErrors } from './form-error';

interface Values {
  rate: string;
  valid_from: string;
  [k: string]: unknown;
}

function toValues(r: ExchangeRate): Values {
  return { rate: r.rate, valid_from: r.valid_from.slice(0, 10) };
}

interface Props {
  rate: ExchangeRate;
  base?: string;
  onClose: () => void;
  /** Re-read the rates after a 412 and return the latest version of this one. */
  onReloadLatest: () => Promise<ExchangeRate | undefined>;
}

/** Edit one rate (its decimal value and the day it applies from); the currency is fixed. */
export function ExchangeRateFormModal({ rate, base, onClose, onReloadLatest }: Props) {
  const { t } = useTranslation();
  const update = useUpdateExchangeRate();
  const [initial, setInitial] = useState(() => toValues(rate));
  const [version, setVersion] = useState(rate.version);
  const [general, setGeneral] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [conflict, setConflict] = useState(false);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: initial,
    validate: {
      rate: (v) => (RATE_RE.test(v.trim()) && Number(v) > 0 ? null : t('settings.exchangeRates.rateInvalid')),
      valid_from: (v) => (v ? null : t('settings.exchangeRates.dateRequired')),
    },
  });

  const submit = form.onSubmit((values) => {
    setGeneral([]);
    setError(null);
    const changes: ExchangeRateUpdate = {};
    // Compare decimals as strings: "1350.50" and "1350.5" are the same rate, but sending either is harmless.
    if (values.rate.trim() !== initial.rate) changes.rate = values.rate.trim();
    if (values.valid_from !== initial.valid_from) changes.valid_from = values.valid_from;
    if (Object.keys(changes).length === 0) {
      onClose();
      return;
    }
    update.mutate(
      { id: rate.id, version, changes },
      {
        onSuccess: (r) => {
          notifications.show({ color: 'green', message: t('settings.exchangeRates.saved', { currency: r.currency }) });
          onClose();
        },
        onError: (e) => {
          if (isApiError(e, 412)) {
            setConflict(true);
            return;
          }
          const r = applyServerErrors(form, e);
          setGeneral(r.general);
          setError(r.error);
        },
      },
    );
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
      opened
      onClose={onClose}
      title={t('settings.exchangeRates.editTitle', { currency: rate.currency })}
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
          <TextInput
            label={t('settings.exchangeRates.rate')}
            description={base ? t('settings.exchangeRates.rateHelp', { base }) : undefined}
            inputMode="decimal"
            required
            data-autofocus
            {...form.getInputProps('rate')}
          />
          <TextInput type="date" label={t('settings.exchangeRates.validFrom')} required {...form.getInputProps('valid_from')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={update.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
      <ConflictModal opened={conflict} onClose={() => setConflict(false)} onReload={() => void reload()} />
    </Modal>
  );
}
