import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconKey, IconKeyOff } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '@/components/ConfirmModal';
import { EmptyState } from '@/components/EmptyState';
import { ProblemAlert } from '@/components/ProblemAlert';
import { TableSkeleton } from '@/components/TableSkeleton';
import { useCurrentUser } from '@/hooks/use-current-user';
import { useFormatters } from '@/lib/format';
import type { ApiKey } from '../api/types';
import { useAdminUsers } from '../api/use-admin-users';
import { useApiKeys } from '../api/use-api-keys';
import { useRevokeApiKey } from '../api/use-revoke-api-key';
import { ApiKeyCreateModal } from './ApiKeyCreateModal';
import { SettingsTable } from './SettingsTable';

function status(k: ApiKey): 'revoked' | 'expired' | 'active' {
  if (k.revoked_at) return 'revoked';
  if (k.expires_at && new Date(k.expires_at).getTime() <= Date.now()) return 'expired';
  return 'active';
}

export function ApiKeysPanel() {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const keys = useApiKeys();
  const users = useAdminUsers();
  const me = useCurrentUser();
  const revoke = useRevokeApiKey();
  const [creating, setCreating] = useState(false);
  const [confirm, setConfirm] = useState<ApiKey | null>(null);
  const allUsers = users.data?.pages.flatMap((p) => p.items) ?? [];
  const names = new Map(allUsers.map((u) => [u.id, u.full_name || u.email]));

  const createButton = (
    <Button leftSection={<IconKey size={16} />} onClick={() => setCreating(true)}>
      {t('settings.apiKeys.new')}
    </Button>
  );
  const list = keys.data?.pages.flatMap((p) => p.items) ?? [];

  let body;
  if (keys.isPending) body = <TableSkeleton rows={4} />;
  else if (keys.isError) body = <ProblemAlert error={keys.error} onRetry={() => void keys.refetch()} />;
  else if (list.length === 0)
    body = <EmptyState title={t('settings.apiKeys.emptyTitle')} description={t('settings.apiKeys.emptyBody')} action={createButton} />;
  else
    body = (
      <>
        <SettingsTable label={t('settings.apiKeys.title')} minWidth={980} columns={[t('settings.apiKeys.name'), t('settings.apiKeys.prefix'), t('settings.apiKeys.scopes'), t('settings.apiKeys.actingUser'), t('settings.apiKeys.created'), t('settings.apiKeys.lastUsed'), t('settings.apiKeys.expires'), t('settings.apiKeys.status'), t('settings.actions')]}>
          {list.map((k) => {
            const st = status(k);
            return (
              <Table.Tr key={k.id}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {k.name}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {k.prefix}…
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {k.scopes.map((s) => (
                      <Badge key={s} variant="outline" color="gray" tt="none" size="sm">
                        {s}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{names.get(k.user_id) ?? k.user_id}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>{fmt.shortDate(k.created_at)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>{k.last_used_at ? fmt.dateTime(k.last_used_at) : t('settings.apiKeys.never')}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>{k.expires_at ? fmt.shortDate(k.expires_at) : t('settings.apiKeys.noExpiry')}</Text>
                </Table.Td>
                <Table.Td>
                  <Badge variant="dot" size="sm" styles={{ label: { overflow: 'visible' } }} color={st === 'active' ? 'green' : st === 'expired' ? 'orange' : 'gray'}>
                    {st === 'revoked'
                      ? t('settings.apiKeys.revokedOn', { when: fmt.shortDate(k.revoked_at) })
                      : t(`settings.apiKeys.statuses.${st}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {!k.revoked_at && (
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      leftSection={<IconKeyOff size={14} />}
                      aria-label={`${t('settings.apiKeys.revoke')} ${k.name}`}
                      onClick={() => {
                        revoke.reset();
                        setConfirm(k);
                      }}
                    >
                      {t('settings.apiKeys.revoke')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </SettingsTable>
        {keys.hasNextPage && (
          <Group>
            <Button variant="default" onClick={() => void keys.fetchNextPage()} loading={keys.isFetchingNextPage}>
              {t('common.loadMore')}
            </Button>
          </Group>
        )}
      </>
    );

  return (
    <Stack>
      <Group justify="space-between">
        <Text c="dimmed" size="sm">
          {t('settings.apiKeys.subtitle')}
        </Text>
        {list.length > 0 && createButton}
      </Group>
      {body}
      {creating && <ApiKeyCreateModal opened onClose={() => setCreating(false)} users={allUsers} meId={me.data?.id} />}
      <ConfirmModal
        opened={confirm !== null}
        onClose={() => setConfirm(null)}
        title={t('settings.apiKeys.revokeTitle')}
        body={t('settings.apiKeys.revokeBody', { name: confirm?.name ?? '' })}
        confirmLabel={t('settings.apiKeys.revoke')}
        loading={revoke.isPending}
        error={revoke.isError ? <ProblemAlert error={revoke.error} /> : undefined}
        onConfirm={() =>
          confirm &&
          revoke.mutate(confirm.id, {
            onSuccess: () => {
              notifications.show({ color: 'green', message: t('settings.apiKeys.revoked', { name: confirm.name }) });
              setConfirm(null);
            },
          })
        }
      />
    </Stack>
  );
}
