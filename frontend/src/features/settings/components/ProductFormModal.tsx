import { ActionIcon, Alert, Button, Checkbox, Group, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/api/errors';
import { ProblemAlert } from '@/components/ProblemAlert';
import { COMMON_CURRENCIES } from '@/lib/money';
import type { Product } from '../api/types';
import { useCreateProduct, useUpdateProduct } from '../api/use-save-product';
import { ConflictModal } from './ConflictModal';
import { applyServerErrors } from './form-error';

interface Values {
  name: string;
  sku: string;
  category: string;
  description: string;
  prices: { currency: string; unit_price: string }[];
  active: boolean;
  [k: string]: unknown;
}

function toValues(p?: Product): Values {
  return {
    name: p?.name ?? '',
    sku: p?.sku ?? '',
    category: p?.category ?? '',
    description: p?.description ?? '',
    prices: p?.prices.map((x) => ({ currency: x.currency, unit_price: x.unit_price })) ?? [{ currency: 'KRW', unit_price: '' }],
    active: p?.active ?? true,
  };
}

export function ProductFormModal({ product, onClose, onReloadLatest }: { product?: Product; onClose: () => void; onReloadLatest: () => Promise<Product | undefined> }) {
  const { t } = useTranslation();
  const create = useCreateProduct();
  const update = useUpdateProduct();
  const [version, setVersion] = useState(product?.version ?? 0);
  const [general, setGeneral] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [conflict, setConflict] = useState(false);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: toValues(product),
    validate: {
      name: (v) => (v.trim() ? null : t('settings.products.nameRequired')),
      prices: {
        currency: (v) => (/^[A-Z]{3}$/.test(v) ? null : t('settings.exchangeRates.currencyRequired')),
        unit_price: (v) => (/^\d+(\.\d{1,2})?$/.test(v.trim()) ? null : t('deals.form.amountInvalid')),
      },
    },
  });
  const v = form.getValues();

  const submit = form.onSubmit((values) => {
    setGeneral([]);
    setError(null);
    const body = {
      name: values.name.trim(),
      sku: values.sku.trim() || null,
      category: values.category.trim() || null,
      description: values.description.trim() || null,
      prices: values.prices.map((p) => ({ currency: p.currency, unit_price: p.unit_price.trim() })),
      active: values.active,
    };
    const onError = (e: unknown) => {
      if (isApiError(e, 412)) {
        setConflict(true);
        return;
      }
      const r = applyServerErrors(form, e);
      setGeneral(r.general);
      setError(r.error);
    };
    const done = () => {
      notifications.show({ color: 'green', message: t('settings.products.saved', { name: body.name }) });
      onClose();
    };
    if (product) update.mutate({ id: product.id, version, changes: body }, { onSuccess: done, onError });
    else create.mutate(body, { onSuccess: done, onError });
  });

  return (
    <Modal opened onClose={onClose} title={product ? t('settings.products.edit', { name: product.name }) : t('settings.products.new')} centered size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {general.length > 0 && (
            <Alert color="red" variant="light" role="alert">
              {general.join('; ')}
            </Alert>
          )}
          {error !== null && <ProblemAlert error={error} />}
          <TextInput label={t('settings.products.name')} required data-autofocus {...form.getInputProps('name')} />
          <Group grow>
            <TextInput label={t('settings.products.sku')} {...form.getInputProps('sku')} />
            <TextInput label={t('settings.products.category')} {...form.getInputProps('category')} />
          </Group>
          <Textarea label={t('settings.products.description')} autosize minRows={2} {...form.getInputProps('description')} />
          <div>
            <Group justify="space-between" mb={4}>
              <Text size="sm" fw={500}>
                {t('settings.products.prices')}
              </Text>
              <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => form.insertListItem('prices', { currency: '', unit_price: '' })}>
                {t('settings.products.addPrice')}
              </Button>
            </Group>
            <Stack gap="xs">
              {v.prices.map((_, i) => (
                <Group key={i} align="flex-start" wrap="nowrap">
                  <Select
                    aria-label={t('settings.exchangeRates.currency')}
                    data={COMMON_CURRENCIES}
                    searchable
                    w={120}
                    value={v.prices[i]?.currency || null}
                    onChange={(c) => form.setFieldValue(`prices.${i}.currency`, c ?? '')}
                    error={form.errors[`prices.${i}.currency`]}
                  />
                  <TextInput aria-label={t('deals.lines.unitPrice')} placeholder="0.00" inputMode="decimal" style={{ flex: 1 }} {...form.getInputProps(`prices.${i}.unit_price`)} />
                  <ActionIcon mt={4} variant="subtle" color="red" aria-label={t('common.remove')} onClick={() => form.removeListItem('prices', i)}>
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              ))}
            </Stack>
          </div>
          <Checkbox label={t('settings.products.active')} {...form.getInputProps('active', { type: 'checkbox' })} />
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
      <ConflictModal
        opened={conflict}
        onClose={() => setConflict(false)}
        onReload={async () => {
          const latest = await onReloadLatest();
          setConflict(false);
          if (latest) {
            setVersion(latest.version);
            form.setValues(toValues(latest));
            notifications.show({ message: t('settings.reloaded') });
          }
        }}
      />
    </Modal>
  );
}
