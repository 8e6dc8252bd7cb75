import { Button, Group, Stack, Switch, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCode, IconEdit, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/api/errors';
import { ConfirmModal } from '@/components/ConfirmModal';
import { EmptyState } from '@/components/EmptyState';
import { ProblemAlert } from '@/components/ProblemAlert';
import { TableSkeleton } from '@/components/TableSkeleton';
import { useFormatters } from '@/lib/format';
import type { WebForm } from '../api/types';
import { useAdminUsers } from '../api/use-admin-users';
import { useDeleteWebForm } from '../api/use-delete-web-form';
import { useUpdateWebForm } from '../api/use-save-web-form';
import { useWebForms } from '../api/use-web-forms';
import { SettingsTable } from './SettingsTable';
import { WebFormModal } from './WebFormModal';
import { WebFormSnippetModal } from './WebFormSnippetModal';

/** Settings → Web forms: forms to paste on a website; each submission becomes (or updates) a lead. */
export function WebFormsPanel() {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const forms = useWebForms();
  const usersQuery = useAdminUsers();
  const update = useUpdateWebForm();
  const del = useDeleteWebForm();
  const [editing, setEditing] = useState<{ form?: WebForm } | null>(null);
  const [snippetId, setSnippetId] = useState<string | null>(null);
  // A form just created is shown from the create answer until the list has refetched.
  const [created, setCreated] = useState<WebForm | null>(null);
  const [confirm, setConfirm] = useState<WebForm | null>(null);
  const users = useMemo(() => usersQuery.data?.pages.flatMap((p) => p.items) ?? [], [usersQuery.data]);
  const list = forms.data ?? [];
  const snippet = list.find((f) => f.id === snippetId) ?? (created?.id === snippetId ? created : undefined);
  const newButton = (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({})}>
      {t('settings.webForms.new')}
    </Button>
  );

  let body;
  if (forms.isPending) body = <TableSkeleton rows={4} />;
  else if (forms.isError) body = <ProblemAlert error={forms.error} onRetry={() => void forms.refetch()} />;
  else if (list.length === 0) body = <EmptyState title={t('settings.webForms.emptyTitle')} description={t('settings.webForms.emptyBody')} action={newButton} />;
  else
    body = (
      <SettingsTable
        label={t('settings.webForms.title')}
        minWidth={900}
        columns={[
          t('settings.webForms.name'),
          t('settings.webForms.fields'),
          t('settings.webForms.submissions'),
          t('settings.webForms.spam'),
          t('settings.webForms.active'),
          t('settings.actions'),
        ]}
      >
        {list.map((f) => (
          <Table.Tr key={f.id}>
            <Table.Td>
              <Text size="sm" fw={500} c={f.active ? undefined : 'dimmed'}>
                {f.name}
              </Text>
              {f.default_campaign && (
                <Text size="xs" c="dimmed">
                  {t('settings.webForms.campaignIs', { campaign: f.default_campaign })}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Text size="sm">{f.fields.map((x) => (x.required ? `${x.label}*` : x.label)).join(', ')}</Text>
            </Table.Td>
            <Table.Td>{fmt.number(f.submission_count)}</Table.Td>
            <Table.Td>{fmt.number(f.spam_count)}</Table.Td>
            <Table.Td>
              <Switch
                checked={f.active}
                aria-label={t('settings.webForms.activeFor', { name: f.name })}
                onChange={(e) =>
                  update.mutate(
                    { id: f.id, changes: { active: e.currentTarget.checked } },
                    { onError: (err) => notifications.show({ color: 'red', message: isApiError(err) ? (err.problem?.detail ?? err.message) : t('common.networkError') }) },
                  )
                }
              />
            </Table.Td>
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                <Button size="xs" variant="light" leftSection={<IconCode size={14} />} aria-label={t('settings.webForms.embedFor', { name: f.name })} onClick={() => setSnippetId(f.id)}>
                  {t('settings.webForms.embed')}
                </Button>
                <Button size="xs" variant="default" leftSection={<IconEdit size={14} />} aria-label={`${t('common.edit')} ${f.name}`} onClick={() => setEditing({ form: f })}>
                  {t('common.edit')}
                </Button>
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  leftSection={<IconTrash size={14} />}
                  aria-label={`${t('common.delete')} ${f.name}`}
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
          {t('settings.webForms.subtitle')}
        </Text>
        {list.length > 0 && newButton}
      </Group>
      {body}
      {editing && (
        <WebFormModal
          key={editing.form?.id ?? 'new'}
          form={editing.form}
          users={users}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            // A new form: straight to its code.
            if (!editing.form) {
              setCreated(saved);
              setSnippetId(saved.id);
            }
          }}
        />
      )}
      {snippet && (
        <WebFormSnippetModal
          form={snippet}
          onClose={() => setSnippetId(null)}
          onEdit={() => {
            setSnippetId(null);
            setEditing({ form: snippet });
          }}
        />
      )}
      <ConfirmModal
        opened={confirm !== null}
        onClose={() => setConfirm(null)}
        title={t('settings.webForms.deleteTitle')}
        body={t('settings.webForms.deleteBody', { name: confirm?.name ?? '' })}
        confirmLabel={t('common.delete')}
        loading={del.isPending}
        error={del.isError ? <ProblemAlert error={del.error} /> : undefined}
        onConfirm={() =>
          confirm &&
          del.mutate(confirm.id, {
            onSuccess: () => {
              notifications.show({ color: 'green', message: t('settings.webForms.deleted', { name: confirm.name }) });
              setConfirm(null);
            },
          })
        }
      />
    </Stack>
  );
}
