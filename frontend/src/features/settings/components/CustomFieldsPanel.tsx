import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconEdit, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/api/errors';
import { ConfirmModal } from '@/components/ConfirmModal';
import { EmptyState } from '@/components/EmptyState';
import { ProblemAlert } from '@/components/ProblemAlert';
import { TableSkeleton } from '@/components/TableSkeleton';
import { useCustomFieldDefinitions } from '@/hooks/use-custom-field-definitions';
import type { CustomField } from '../api/types';
import { useDeleteCustomField } from '../api/use-delete-custom-field';
import { CustomFieldFormModal } from './CustomFieldFormModal';
import { SettingsTable } from './SettingsTable';

type Editing = { mode: 'create' } | { mode: 'edit'; field: CustomField } | null;

export function CustomFieldsPanel() {
  const { t } = useTranslation();
  const defs = useCustomFieldDefinitions('customer');
  const del = useDeleteCustomField();
  const [editing, setEditing] = useState<Editing>(null);
  const [confirm, setConfirm] = useState<CustomField | null>(null);

  const createButton = (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({ mode: 'create' })}>
      {t('settings.customFields.new')}
    </Button>
  );
  const list = defs.data ?? [];
  const nextPosition = list.length > 0 ? Math.max(...list.map((d) => d.position)) + 10 : 10;

  let body;
  if (defs.isPending) body = <TableSkeleton rows={4} />;
  else if (defs.isError) body = <ProblemAlert error={defs.error} onRetry={() => void defs.refetch()} />;
  else if (list.length === 0)
    body = (
      <EmptyState title={t('settings.customFields.emptyTitle')} description={t('settings.customFields.emptyBody')} action={createButton} />
    );
  else
    body = (
      <SettingsTable label={t('settings.customFields.title')} minWidth={760} columns={[t('settings.customFields.label'), t('settings.customFields.key'), t('settings.customFields.type'), t('settings.customFields.options'), t('settings.customFields.required'), t('settings.actions')]}>
        {list.map((f) => (
          <Table.Tr key={f.id}>
            <Table.Td>
              <Text size="sm" fw={500}>
                {f.label}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm" ff="monospace">
                {f.key}
              </Text>
            </Table.Td>
            <Table.Td>
              <Badge variant="light" size="sm">
                {t(`settings.customFields.types.${f.type}`)}
              </Badge>
            </Table.Td>
            <Table.Td>
              {f.options && f.options.length > 0 ? (
                <Group gap={4}>
                  {f.options.map((o) => (
                    <Badge key={o} variant="outline" color="gray" tt="none" size="sm">
                      {o}
                    </Badge>
                  ))}
                </Group>
              ) : (
                <Text size="sm">{t('common.none')}</Text>
              )}
            </Table.Td>
            <Table.Td>
              <Text size="sm">{f.required ? t('common.yes') : t('common.no')}</Text>
            </Table.Td>
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                <Button
                  size="xs"
                  variant="light"
                  leftSection={<IconEdit size={14} />}
                  aria-label={`${t('common.edit')} ${f.label}`}
                  onClick={() => setEditing({ mode: 'edit', field: f })}
                >
                  {t('common.edit')}
                </Button>
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  leftSection={<IconTrash size={14} />}
                  aria-label={`${t('common.delete')} ${f.label}`}
                  onClick={() => {
                    del.reset();
                    setConfirm(f);
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
          {t('settings.customFields.subtitle')}
        </Text>
        {list.length > 0 && createButton}
      </Group>
      {body}
      {editing && (
        <CustomFieldFormModal
          key={editing.mode === 'edit' ? editing.field.id : 'new'}
          opened
          onClose={() => setEditing(null)}
          field={editing.mode === 'edit' ? editing.field : undefined}
          nextPosition={nextPosition}
          onReloadLatest={async () => {
            const r = await defs.refetch();
            return r.data?.find((d) => editing.mode === 'edit' && d.id === editing.field.id);
          }}
        />
      )}
      <ConfirmModal
        opened={confirm !== null}
        onClose={() => setConfirm(null)}
        title={t('settings.customFields.deleteTitle')}
        body={t('settings.customFields.deleteBody', { label: confirm?.label ?? '' })}
        confirmLabel={t('common.delete')}
        loading={del.isPending}
        error={
          del.isError ? (
            <ProblemAlert
              error={del.error}
              title={isApiError(del.error, 412) ? t('settings.customFields.deleteStale') : undefined}
            />
          ) : undefined
        }
        onConfirm={() =>
          confirm &&
          del.mutate(
            { id: confirm.id, version: confirm.version },
            {
              onSuccess: () => {
                notifications.show({ color: 'green', message: t('settings.customFields.deleted', { label: confirm.label }) });
                setConfirm(null);
              },
              onError: (e) => {
                // Changed meanwhile: show the latest version and let the admin confirm again.
                if (isApiError(e, 412)) void defs.refetch().then((r) => setConfirm(r.data?.find((d) => d.id === confirm.id) ?? null));
              },
            },
          )
        }
      />
    </Stack>
  );
}
