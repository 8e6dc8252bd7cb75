import { Alert, Button, Card, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconEdit, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '@/components/ConfirmModal';
import { EmptyState } from '@/components/EmptyState';
import { ProblemAlert } from '@/components/ProblemAlert';
import { TableSkeleton } from '@/components/TableSkeleton';
import { useFormatters } from '@/lib/format';
import { COMMON_CURRENCIES } from '@/lib/money';
import { RATE_RE, type ExchangeRate } from '../api/types';
import { useCreateExchangeRate } from '../api/use-create-exchange-rate';
import { useDeleteExchangeRate } from '../api/use-delete-exchange-rate';
import { useExchangeRates } from '../api/use-exchange-rates';
import { ExchangeRateFormModal } from './ExchangeRateFormModal';
import { applyServerErrors } from './form-error';

interface Values {
  currency: string;
  rate: string;
  valid_from: string;
  [k: string]: unknown;
}

const today = () => new Date().toISOString().slice(0, 10);

/** Rates into the base currency (used to convert board and report totals). */
export function ExchangeRatesPanel() {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const rates = useExchangeRates();
  const create = useCreateExchangeRate();
  const del = useDeleteExchangeRate();
  const [general, setGeneral] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [confirm, setConfirm] = useState<ExchangeRate | null>(null);
  const [editing, setEditing] = useState<ExchangeRate | null>(null);
  const base = rates.data?.base_currency;
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { currency: '', rate: '', valid_from: today() },
    validate: {
      currency: (v) => (/^[A-Z]{3}$/.test(v) ? null : t('settings.exchangeRates.currencyRequired')),
      rate: (v) => (RATE_RE.test(v.trim()) && Number(v) > 0 ? null : t('settings.exchangeRates.rateInvalid')),
      valid_from: (v) => (v ? null : t('settings.exchangeRates.dateRequired')),
    },
  });
  const submit = form.onSubmit((values) => {
    setGeneral([]);
    setError(null);
    create.mutate(
      { currency: values.currency, rate: values.rate.trim(), valid_from: values.valid_from },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('settings.exchangeRates.saved', { currency: values.currency }) });
          form.setValues({ currency: '', rate: '', valid_from: today() });
        },
        onError: (e) => {
          const r = applyServerErrors(form, e);
          setGeneral(r.general);
          setError(r.error);
        },
      },
    );
  });

  const items = rates.data?.items ?? [];
  let body;
  if (rates.isPending) body = <TableSkeleton rows={3} />;
  else if (rates.isError) body = <ProblemAlert error={rates.error} onRetry={() => void rates.refetch()} />;
  else if (items.length === 0) body = <EmptyState title={t('settings.exchangeRates.emptyTitle')} description={t('settings.exchangeRates.emptyBody')} />;
  else
    body = (
      <Table verticalSpacing="sm" striped aria-label={t('settings.exchangeRates.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('settings.exchangeRates.currency')}</Table.Th>
            <Table.Th>{t('settings.exchangeRates.rate')}</Table.Th>
            <Table.Th>{t('settings.exchangeRates.validFrom')}</Table.Th>
            <Table.Th>{t('settings.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {r.currency}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {t('settings.exchangeRates.rateLine', { currency: r.currency, rate: r.rate, base })}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{fmt.date(r.valid_from)}</Text>
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Button
                    size="xs"
                    variant="light"
                    leftSection={<IconEdit size={14} />}
                    aria-label={`${t('common.edit')} ${r.currency} ${r.valid_from}`}
                    onClick={() => setEditing(r)}
                  >
                    {t('common.edit')}
                  </Button>
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    leftSection={<IconTrash size={14} />}
                    aria-label={`${t('common.delete')} ${r.currency} ${r.valid_from}`}
                    onClick={() => {
                      del.reset();
                      setConfirm(r);
                    }}
                  >
                    {t('common.delete')}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    );

  return (
    <Stack>
      <Text c="dimmed" size="sm">
        {t('settings.exchangeRates.subtitle')}
      </Text>
      {base && (
        <Text size="sm" data-testid="base-currency">
          {t('settings.exchangeRates.base', { currency: base })}
        </Text>
      )}
      <Card withBorder radius="md" padding="md">
        <Title order={2} size="h5" mb="sm">
          {t('settings.exchangeRates.add')}
        </Title>
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            {general.length > 0 && (
              <Alert color="red" variant="light" role="alert">
                {general.join('; ')}
              </Alert>
            )}
            {error !== null && <ProblemAlert error={error} />}
            <Group align="flex-start">
              <Select
                label={t('settings.exchangeRates.currency')}
                data={COMMON_CURRENCIES.filter((c) => c !== base)}
                searchable
                w={140}
                value={form.getValues().currency || null}
                onChange={(v) => form.setFieldValue('currency', v ?? '')}
                error={form.errors.currency}
              />
              <TextInput
                label={t('settings.exchangeRates.rate')}
                description={base ? t('settings.exchangeRates.rateHelp', { base }) : undefined}
                inputMode="decimal"
                w={220}
                {...form.getInputProps('rate')}
              />
              <TextInput type="date" label={t('settings.exchangeRates.validFrom')} w={170} {...form.getInputProps('valid_from')} />
              <Button type="submit" mt={24} leftSection={<IconPlus size={16} />} loading={create.isPending}>
                {t('common.add')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
      {body}
      {editing && (
        <ExchangeRateFormModal
          key={editing.id}
          rate={editing}
          base={base}
          onClose={() => setEditing(null)}
          onReloadLatest={async () => {
            const r = await rates.refetch();
            return r.data?.items.find((x) => x.id === editing.id);
          }}
        />
      )}
      <ConfirmModal
        opened={confirm !== null}
        onClose={() => setConfirm(null)}
        title={t('settings.exchangeRates.deleteTitle')}
        body={t('settings.exchangeRates.deleteBody', { currency: confirm?.currency ?? '', date: confirm ? fmt.date(confirm.valid_from) : '' })}
        confirmLabel={t('common.delete')}
        loading={del.isPending}
        error={del.isError ? <ProblemAlert error={del.error} /> : undefined}
        onConfirm={() => confirm && del.mutate(confirm.id, { onSuccess: () => setConfirm(null) })}
      />
    </Stack>
  );
}
