import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconEdit, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '@/components/ConfirmModal';
import { EmptyState } from '@/components/EmptyState';
import { ProblemAlert } from '@/components/ProblemAlert';
import { TableSkeleton } from '@/components/TableSkeleton';
import { useMoney } from '@/lib/money';
import type { Product } from '../api/types';
import { useDeleteProduct } from '../api/use-delete-product';
import { useProducts } from '../api/use-products';
import { ProductFormModal } from './ProductFormModal';
import { SettingsTable } from './SettingsTable';

export function ProductsPanel() {
  const { t } = useTranslation();
  const { money } = useMoney();
  const products = useProducts();
  const del = useDeleteProduct();
  const [editing, setEditing] = useState<{ product?: Product } | null>(null);
  const [confirm, setConfirm] = useState<Product | null>(null);
  const list = useMemo(() => products.data?.pages.flatMap((p) => p.items) ?? [], [products.data]);
  const newButton = (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({})}>
      {t('settings.products.new')}
    </Button>
  );

  let body;
  if (products.isPending) body = <TableSkeleton rows={4} />;
  else if (products.isError) body = <ProblemAlert error={products.error} onRetry={() => void products.refetch()} />;
  else if (list.length === 0) body = <EmptyState title={t('settings.products.emptyTitle')} description={t('settings.products.emptyBody')} action={newButton} />;
  else
    body = (
      <SettingsTable label={t('settings.products.title')} minWidth={760} columns={[t('settings.products.name'), t('settings.products.sku'), t('settings.products.category'), t('settings.products.prices'), t('settings.products.active'), t('settings.actions')]}>
        {list.map((p) => (
          <Table.Tr key={p.id}>
            <Table.Td>
              <Text size="sm" fw={500}>
                {p.name}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm" ff="monospace">
                {p.sku ?? t('common.none')}
              </Text>
            </Table.Td>
            <Table.Td>{p.category ?? t('common.none')}</Table.Td>
            <Table.Td>
              <Group gap={4}>
                {p.prices.map((x) => (
                  <Badge key={x.currency} variant="outline" color="gray" tt="none">
                    {money(x.unit_price, x.currency)}
                  </Badge>
                ))}
              </Group>
            </Table.Td>
            <Table.Td>{p.active ? t('common.yes') : t('common.no')}</Table.Td>
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                <Button size="xs" variant="light" leftSection={<IconEdit size={14} />} aria-label={`${t('common.edit')} ${p.name}`} onClick={() => setEditing({ product: p })}>
                  {t('common.edit')}
                </Button>
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  leftSection={<IconTrash size={14} />}
                  aria-label={`${t('common.delete')} ${p.name}`}
                  onClick={() => {
                    del.reset();
                    setConfirm(p);
                  }}
                >
                  {t('common.delete')}
                </Button>
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </SettingsTable>
    );

  return (
    <Stack>
      <Group justify="space-between">
        <Text c="dimmed" size="sm">
          {t('settings.products.subtitle')}
        </Text>
        {list.length > 0 && newButton}
      </Group>
      {body}
      {products.hasNextPage && (
        <Group>
          <Button variant="default" onClick={() => void products.fetchNextPage()} loading={products.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        </Group>
      )}
      {editing && (
        <ProductFormModal
          key={editing.product?.id ?? 'new'}
          product={editing.product}
          onClose={() => setEditing(null)}
          onReloadLatest={async () => {
            const r = await products.refetch();
            return r.data?.pages.flatMap((pg) => pg.items).find((x) => x.id === editing.product?.id);
          }}
        />
      )}
      <ConfirmModal
        opened={confirm !== null}
        onClose={() => setConfirm(null)}
        title={t('settings.products.deleteTitle')}
        body={t('settings.products.deleteBody', { name: confirm?.name ?? '' })}
        confirmLabel={t('common.delete')}
        loading={del.isPending}
        error={del.isError ? <ProblemAlert error={del.error} /> : undefined}
        onConfirm={() =>
          confirm &&
          del.mutate(
            { id: confirm.id, version: confirm.version },
            {
              onSuccess: () => {
                notifications.show({ color: 'green', message: t('settings.products.deleted', { name: confirm.name }) });
                setConfirm(null);
              },
            },
          )
        }
      />
    </Stack>
  );
}
