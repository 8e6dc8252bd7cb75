import { ActionIcon, Alert, Button, Card, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconEdit, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/api/errors';
import { EmptyState } from '@/components/EmptyState';
import { ProblemAlert } from '@/components/ProblemAlert';
import { TableSkeleton } from '@/components/TableSkeleton';
import { hasPath, mapFieldErrors } from '@/lib/form-errors';
import { useMoney } from '@/lib/money';
import type { Deal, DealLine, Product } from '../api/types';
import { useDealLines } from '../api/use-deal-lines';
import { useCreateLine, useDeleteLine, useUpdateLine } from '../api/use-line-mutations';
import { useProductSearch } from '../api/use-product-search';

interface Values {
  product_id: string | null;
  description: string;
  quantity: string;
  unit_price: string;
  discount_percent: string;
  tax_percent: string;
  [k: string]: unknown;
}

const EMPTY: Values = { product_id: null, description: '', quantity: '1', unit_price: '', discount_percent: '0', tax_percent: '0' };
const DECIMAL = /^\d+(\.\d+)?$/;

function fromLine(l: DealLine): Values {
  return {
    product_id: l.product_id,
    description: l.description,
    quantity: l.quantity,
    unit_price: l.unit_price,
    discount_percent: l.discount_percent,
    tax_percent: l.tax_percent,
  };
}

/** Line items of a deal; net, tax and totals are computed by the server (decimal strings). */
export function LineItemsEditor({ deal }: { deal: Deal }) {
  const { t } = useTranslation();
  const { money } = useMoney();
  const lines = useDealLines(deal.id);
  const create = useCreateLine();
  const update = useUpdateLine();
  const del = useDeleteLine();
  const [editing, setEditing] = useState<DealLine | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [general, setGeneral] = useState<string[]>([]);
  const [productQuery, setProductQuery] = useState('');
  const [debouncedQuery] = useDebouncedValue(productQuery, 300);
  const products = useProductSearch(debouncedQuery);

  const percent = (v: string) => (DECIMAL.test(v.trim()) && Number(v) <= 100 ? null : t('deals.lines.percentInvalid'));
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: EMPTY,
    validate: {
      description: (v, values) => (v.trim() || values.product_id ? null : t('deals.lines.descriptionRequired')),
      quantity: (v) => (DECIMAL.test(v.trim()) && Number(v) > 0 ? null : t('deals.lines.quantityInvalid')),
      unit_price: (v, values) => (v.trim() === '' ? (values.product_id ? null : t('deals.lines.priceRequired')) : DECIMAL.test(v.trim()) ? null : t('deals.form.amountInvalid')),
      discount_percent: percent,
      tax_percent: percent,
    },
  });

  const productOptions = useMemo(() => {
    const map = new Map<string, string>();
    for (const p of products.data ?? []) map.set(p.id, p.sku ? `${p.name} (${p.sku})` : p.name);
    const current = form.getValues().product_id;
    if (current && !map.has(current)) map.set(current, form.getValues().description || current);
    return [...map].map(([value, label]) => ({ value, label }));
  }, [products.data, form]);

  const pickProduct = (id: string | null) => {
    form.setFieldValue('product_id', id);
    const p: Product | undefined = products.data?.find((x) => x.id === id);
    if (!p) return;
    form.setFieldValue('description', p.name);
    const price = p.prices.find((x) => x.currency === deal.currency);
    if (price) form.setFieldValue('unit_price', price.unit_price);
  };

  const onError = (e: unknown) => {
    if (isApiError(e, 412)) {
      setError(null);
      setGeneral([t('deals.lines.stale')]);
      setEditing(null);
      form.setValues(EMPTY);
      void lines.refetch();
      return;
    }
    if (isApiError(e, 422) && e.fieldErrors.length > 0) {
      const { fields, general: rest } = mapFieldErrors(e.fieldErrors, (p) => hasPath(form.getValues(), p));
      form.setErrors(fields);
      setGeneral(rest);
      setError(Object.keys(fields).length > 0 || rest.length > 0 ? null : e);
      return;
    }
    setError(e);
  };

  const submit = form.onSubmit((v) => {
    setError(null);
    setGeneral([]);
    const body = {
      product_id: v.product_id,
      description: v.description.trim() || null,
      quantity: v.quantity.trim(),
      unit_price: v.unit_price.trim() || null,
      discount_percent: v.discount_percent.trim(),
      tax_percent: v.tax_percent.trim(),
    };
    const done = () => {
      setEditing(null);
      form.setValues(EMPTY);
      form.clearErrors();
    };
    if (editing) update.mutate({ dealId: deal.id, lineId: editing.id, version: editing.version, changes: body }, { onSuccess: done, onError });
    else create.mutate({ dealId: deal.id, body }, { onSuccess: done, onError });
  });

  let table;
  if (lines.isPending) table = <TableSkeleton rows={3} />;
  else if (lines.isError) table = <ProblemAlert error={lines.error} onRetry={() => void lines.refetch()} />;
  else if (lines.data.items.length === 0) table = <EmptyState title={t('deals.lines.emptyTitle')} description={t('deals.lines.emptyBody')} />;
  else {
    const cur = lines.data.currency;
    table = (
      <Table.ScrollContainer minWidth={860}>
        <Table verticalSpacing="xs" striped aria-label={t('deals.lines.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('deals.lines.description')}</Table.Th>
              <Table.Th ta="right">{t('deals.lines.quantity')}</Table.Th>
              <Table.Th ta="right">{t('deals.lines.unitPrice')}</Table.Th>
              <Table.Th ta="right">{t('deals.lines.discount')}</Table.Th>
              <Table.Th ta="right">{t('deals.lines.tax')}</Table.Th>
              <Table.Th ta="right">{t('deals.lines.net')}</Table.Th>
              <Table.Th ta="right">{t('deals.lines.total')}</Table.Th>
              <Table.Th>{t('deals.lines.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.data.items.map((l) => (
              <Table.Tr key={l.id}>
                <Table.Td>{l.description}</Table.Td>
                <Table.Td ta="right">{l.quantity}</Table.Td>
                <Table.Td ta="right">{money(l.unit_price, cur)}</Table.Td>
                <Table.Td ta="right">{`${l.discount_percent}%`}</Table.Td>
                <Table.Td ta="right">{`${l.tax_percent}%`}</Table.Td>
                <Table.Td ta="right">{money(l.net_amount, cur)}</Table.Td>
                <Table.Td ta="right">{money(l.total_amount, cur)}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <ActionIcon
                      variant="subtle"
                      aria-label={`${t('common.edit')} ${l.description}`}
                      onClick={() => {
                        setEditing(l);
                        form.setValues(fromLine(l));
                        form.clearErrors();
                      }}
                    >
                      <IconEdit size={16} />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`${t('common.remove')} ${l.description}`}
                      loading={del.isPending && del.variables?.lineId === l.id}
                      onClick={() =>
                        del.mutate(
                          { dealId: deal.id, lineId: l.id, version: l.version },
                          { onError: (e) => notifications.show({ color: 'red', message: isApiError(e) ? (e.problem?.detail ?? e.message) : t('common.networkError') }) },
                        )
                      }
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th colSpan={5} ta="right">
                {t('deals.lines.totals')}
              </Table.Th>
              <Table.Th ta="right">{money(lines.data.net_total, cur)}</Table.Th>
              <Table.Th ta="right" data-testid="lines-total">
                {money(lines.data.total, cur)}
              </Table.Th>
              <Table.Th />
            </Table.Tr>
            <Table.Tr>
              <Table.Td colSpan={8} ta="right">
                <Text size="xs" c="dimmed">
                  {t('deals.lines.taxTotal', { amount: money(lines.data.tax_total, cur) })}
                </Text>
              </Table.Td>
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Table.ScrollContainer>
    );
  }

  return (
    <Stack>
      {table}
      <Card withBorder radius="md" padding="md">
        <Title order={2} size="h5" mb="sm">
          {editing ? t('deals.lines.editLine') : t('deals.lines.addLine')}
        </Title>
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            {general.length > 0 && (
              <Alert color="red" variant="light" role="alert">
                {general.join('; ')}
              </Alert>
            )}
            {error !== null && <ProblemAlert error={error} />}
            <Group align="flex-start" grow>
              <Select
                label={t('deals.lines.product')}
                placeholder={t('deals.lines.productSearch')}
                searchable
                clearable
                data={productOptions}
                filter={({ options }) => options}
                searchValue={productQuery}
                onSearchChange={setProductQuery}
                nothingFoundMessage={t('deals.lines.noProduct')}
                value={form.getValues().product_id}
                onChange={pickProduct}
              />
              <TextInput label={t('deals.lines.description')} {...form.getInputProps('description')} />
            </Group>
            <Group align="flex-start" grow>
              <TextInput label={t('deals.lines.quantity')} inputMode="decimal" {...form.getInputProps('quantity')} />
              <TextInput label={t('deals.lines.unitPrice')} inputMode="decimal" rightSection={<Text size="xs">{deal.currency}</Text>} rightSectionWidth={44} {...form.getInputProps('unit_price')} />
              <TextInput label={t('deals.lines.discount')} inputMode="decimal" rightSection="%" {...form.getInputProps('discount_percent')} />
              <TextInput label={t('deals.lines.tax')} inputMode="decimal" rightSection="%" {...form.getInputProps('tax_percent')} />
            </Group>
            <Group justify="flex-end">
              {editing && (
                <Button
                  variant="default"
                  onClick={() => {
                    setEditing(null);
                    form.setValues(EMPTY);
                    form.clearErrors();
                  }}
                >
                  {t('common.cancel')}
                </Button>
              )}
              <Button type="submit" leftSection={editing ? undefined : <IconPlus size={16} />} loading={create.isPending || update.isPending}>
                {editing ? t('common.save') : t('deals.lines.add')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
    </Stack>
  );
}
