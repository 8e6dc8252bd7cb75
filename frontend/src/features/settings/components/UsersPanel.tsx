import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconEdit, IconUserOff, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '@/components/ConfirmModal';
import { EmptyState } from '@/components/EmptyState';
import { ProblemAlert } from '@/components/ProblemAlert';
import { TableSkeleton } from '@/components/TableSkeleton';
import { useCurrentUser } from '@/hooks/use-current-user';
import type { User } from '../api/types';
import { useAdminUsers } from '../api/use-admin-users';
import { useDeactivateUser } from '../api/use-deactivate-user';
import { UserFormModal } from './UserFormModal';
import { SettingsTable } from './SettingsTable';

type Editing = { mode: 'create' } | { mode: 'edit'; user: User } | null;

export function UsersPanel() {
  const { t } = useTranslation();
  const users = useAdminUsers();
  const me = useCurrentUser();
  const deactivate = useDeactivateUser();
  const [editing, setEditing] = useState<Editing>(null);
  const [confirm, setConfirm] = useState<User | null>(null);

  const createButton = (
    <Button leftSection={<IconUserPlus size={16} />} onClick={() => setEditing({ mode: 'create' })}>
      {t('settings.users.new')}
    </Button>
  );

  let body;
  const all = users.data?.pages.flatMap((p) => p.items) ?? [];
  if (users.isPending) body = <TableSkeleton />;
  else if (users.isError) body = <ProblemAlert error={users.error} onRetry={() => void users.refetch()} />;
  else if (all.length === 0) body = <EmptyState title={t('settings.users.emptyTitle')} description={t('settings.users.emptyBody')} action={createButton} />;
  else {
    const names = new Map(all.map((u) => [u.id, u.full_name || u.email]));
    body = (
      <>
        <SettingsTable label={t('settings.users.title')} minWidth={760} columns={[t('settings.users.fullName'), t('settings.users.email'), t('settings.users.role'), t('settings.users.manager'), t('settings.users.status'), t('settings.actions')]}>
          {all.map((u) => (
            <Table.Tr key={u.id}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {u.full_name}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{u.email}</Text>
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={u.role === 'admin' ? 'grape' : 'indigo'} size="sm">
                  {t(`user.role.${u.role}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{u.manager_id ? names.get(u.manager_id) ?? t('common.none') : t('common.none')}</Text>
              </Table.Td>
              <Table.Td>
                <Badge variant="dot" styles={{ label: { overflow: 'visible' } }} color={u.is_active ? 'green' : 'gray'} size="sm">
                  {u.is_active ? t('settings.users.active') : t('settings.users.inactive')}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Button
                    size="xs"
                    variant="light"
                    leftSection={<IconEdit size={14} />}
                    aria-label={`${t('common.edit')} ${u.full_name}`}
                    onClick={() => setEditing({ mode: 'edit', user: u })}
                  >
                    {t('common.edit')}
                  </Button>
                  {u.is_active && u.id !== me.data?.id && (
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      leftSection={<IconUserOff size={14} />}
                      aria-label={`${t('settings.users.deactivate')} ${u.full_name}`}
                      onClick={() => {
                        deactivate.reset();
                        setConfirm(u);
                      }}
                    >
                      {t('settings.users.deactivate')}
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </SettingsTable>
        {users.hasNextPage && (
          <Group>
            <Button variant="default" onClick={() => void users.fetchNextPage()} loading={users.isFetchingNextPage}>
              {t('common.loadMore')}
            </Button>
          </Group>
        )}
      </>
    );
  }

  return (
    <Stack>
      <Group justify="space-between">
        <Text c="dimmed" size="sm">
          {t('settings.users.subtitle')}
        </Text>
        {createButton}
      </Group>
      {body}
      {editing && (
        <UserFormModal
          key={editing.mode === 'edit' ? editing.user.id : 'new'}
          opened
          onClose={() => setEditing(null)}
          user={editing.mode === 'edit' ? editing.user : undefined}
          users={all}
        />
      )}
      <ConfirmModal
        opened={confirm !== null}
        onClose={() => setConfirm(null)}
        title={t('settings.users.deactivateTitle')}
        body={t('settings.users.deactivateBody', { name: confirm?.full_name ?? '' })}
        confirmLabel={t('settings.users.deactivate')}
        loading={deactivate.isPending}
        error={deactivate.isError ? <ProblemAlert error={deactivate.error} /> : undefined}
        onConfirm={() =>
          confirm &&
          deactivate.mutate(confirm.id, {
            onSuccess: (u) => {
              notifications.show({ color: 'green', message: t('settings.users.deactivated', { name: u.full_name }) });
              setConfirm(null);
            },
          })
        }
      />
    </Stack>
  );
}
