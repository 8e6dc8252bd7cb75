import { Button, Group, Modal, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconEdit, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/api/errors';
import { EmptyState } from '@/components/EmptyState';
import { ProblemAlert } from '@/components/ProblemAlert';
import { TableSkeleton } from '@/components/TableSkeleton';
import { useLostReasons } from '@/hooks/use-lost-reasons';
import { locToPath } from '@/lib/form-errors';
import type { LostReason } from '../api/types';
import { useCreateLostReason } from '../api/use-create-lost-reason';
import { useUpdateLostReason } from '../api/use-update-lost-reason';

function nameError(e: unknown): string | undefined {
  if (!isApiError(e, 422)) return undefined;
  return e.fieldErrors.filter((f) => locToPath(f.loc) === 'name').map((f) => f.msg).join('; ') || undefined;
}

function ReasonModal({ reason, nextPosition, onClose }: { reason?: LostReason; nextPosition: number; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateLostReason();
  const update = useUpdateLostReason();
  const [name, setName] = useState(reason?.name ?? '');
  const [missing, setMissing] = useState(false);
  const error = create.error ?? update.error;
  const fieldError = (missing ? t('settings.lostReasons.nameRequired') : undefined) ?? nameError(error);
  return (
    <Modal
      opened
      onClose={onClose}
      title={reason ? t('settings.lostReasons.edit') : t('settings.lostReasons.new')}
      centered
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!name.trim()) {
            setMissing(true);
            return;
          }
          const done = () => {
            notifications.show({ color: 'green', message: t('settings.lostReasons.saved', { name: name.trim() }) });
            onClose();
          };
          if (reason) update.mutate({ id: reason.id, changes: { name: name.trim() } }, { onSuccess: done });
          else create.mutate({ name: name.trim(), position: nextPosition }, { onSuccess: done });
        }}
      >
        <Stack>
          {error && !nameError(error) && <ProblemAlert error={error} />}
          <TextInput
            label={t('settings.lostReasons.name')}
            required
            data-autofocus
            value={name}
            onChange={(e) => {
              setName(e.currentTarget.value);
              setMissing(false);
            }}
            error={fieldError}
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
    </Modal>
  );
}

export function LostReasonsPanel() {
  const { t } = useTranslation();
  const reasons = useLostReasons();
  const update = useUpdateLostReason();
  const [editing, setEditing] = useState<{ reason?: LostReason } | null>(null);
  const list = reasons.data ?? [];
  const nextPosition = list.length > 0 ? Math.max(...list.map((r) => r.position)) + 10 : 10;
  const newButton = (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({})}>
      {t('settings.lostReasons.new')}
    </Button>
  );

  let body;
  if (reasons.isPending) body = <TableSkeleton rows={4} />;
  else if (reasons.isError) body = <ProblemAlert error={reasons.error} onRetry={() => void reasons.refetch()} />;
  else if (list.length === 0)
    body = <EmptyState title={t('settings.lostReasons.emptyTitle')} description={t('settings.lostReasons.emptyBody')} action={newButton} />;
  else
    body = (
      <Table verticalSpacing="sm" striped aria-label={t('settings.lostReasons.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('settings.lostReasons.name')}</Table.Th>
            <Table.Th>{t('settings.lostReasons.active')}</Table.Th>
            <Table.Th>{t('settings.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>
                <Text size="sm" fw={500} c={r.active ? undefined : 'dimmed'}>
                  {r.name}
                </Text>
              </Table.Td>
              <Table.Td>
                <Switch
                  checked={r.active}
                  aria-label={t('settings.lostReasons.activeFor', { name: r.name })}
                  onChange={(e) =>
                    update.mutate(
                      { id: r.id, changes: { active: e.currentTarget.checked } },
                      {
                        onError: (err) =>
                          notifications.show({ color: 'red', message: isApiError(err) ? (err.problem?.detail ?? err.message) : t('common.networkError') }),
                      },
                    )
                  }
                />
              </Table.Td>
              <Table.Td>
                <Button size="xs" variant="light" leftSection={<IconEdit size={14} />} aria-label={`${t('common.edit')} ${r.name}`} onClick={() => setEditing({ reason: r })}>
                  {t('common.edit')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    );

  return (
    <Stack>
      <Group justify="space-between">
        <Text c="dimmed" size="sm">
          {t('settings.lostReasons.subtitle')}
        </Text>
        {list.length > 0 && newButton}
      </Group>
      {body}
      {editing && <ReasonModal key={editing.reason?.id ?? 'new'} reason={editing.reason} nextPosition={nextPosition} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
