import { Badge, Button, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconRestore, IconTrashX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '@/api/errors';
import type { Schemas } from '@/api/client';
import { EmptyState } from '@/components/EmptyState';
import { ProblemAlert } from '@/components/ProblemAlert';
import { TableSkeleton } from '@/components/TableSkeleton';
import { useCurrentUser } from '@/hooks/use-current-user';
import { useFormatters } from '@/lib/format';
import { usePurgeItem } from '../api/use-purge-item';
import { useRestoreItem } from '../api/use-restore-item';
import { useTrash } from '../api/use-trash';

type TrashItem = Schemas['TrashItem'];

export default function TrashPage() {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const trash = useTrash();
  const me = useCurrentUser();
  const restore = useRestoreItem();
  const purge = usePurgeItem();
  const [confirm, setConfirm] = useState<TrashItem | null>(null);
  const isAdmin = me.data?.role === 'admin';

  const fail = (e: unknown) =>
    notifications.show({ color: 'red', title: t('trash.failed'), message: isApiError(e) ? e.problem?.detail ?? e.problem?.title ?? e.message : '' });

  const header = (
    <div>
      <Title order={1} size="h2">
        {t('trash.title')}
      </Title>
      <Text c="dimmed" size="sm">
        {t('trash.subtitle')}
      </Text>
    </div>
  );

  if (trash.isPending) {
    return (
      <Stack>
        {header}
        <TableSkeleton />
      </Stack>
    );
  }
  if (trash.isError) {
    return (
      <Stack>
        {header}
        <ProblemAlert error={trash.error} onRetry={() => void trash.refetch()} />
      </Stack>
    );
  }
  const items = trash.data.pages.flatMap((p) => p.items);
  return (
    <Stack>
      {header}
      {items.length === 0 ? (
        <EmptyState
          title={t('trash.emptyTitle')}
          description={t('trash.emptyBody')}
          action={
            <Button component={Link} to="/customers" variant="light">
              {t('trash.goCustomers')}
            </Button>
          }
        />
      ) : (
        <>
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm" striped aria-label={t('trash.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('trash.columns.title')}</Table.Th>
                  <Table.Th>{t('trash.columns.type')}</Table.Th>
                  <Table.Th>{t('trash.columns.deletedAt')}</Table.Th>
                  <Table.Th>{t('trash.columns.deletedBy')}</Table.Th>
                  <Table.Th>{t('trash.columns.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((item) => (
                  <Table.Tr key={`${item.record_type}:${item.id}`}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {item.title}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" size="sm">
                        {t(`trash.recordType.${item.record_type}`, { defaultValue: item.record_type })}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{fmt.dateTime(item.deleted_at)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{item.deleted_by_name ?? t('common.none')}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Button
                          size="xs"
                          variant="light"
                          leftSection={<IconRestore size={14} />}
                          aria-label={`${t('common.restore')} ${item.title}`}
                          loading={restore.isPending && restore.variables?.id === item.id}
                          onClick={() =>
                            restore.mutate(item, {
                              onSuccess: () => notifications.show({ color: 'green', message: t('trash.restored', { title: item.title }) }),
                              onError: fail,
                            })
                          }
                        >
                          {t('common.restore')}
                        </Button>
                        {isAdmin && (
                          <Button
                            size="xs"
                            variant="subtle"
                            color="red"
                            leftSection={<IconTrashX size={14} />}
                            aria-label={`${t('trash.purge')} ${item.title}`}
                            onClick={() => setConfirm(item)}
                          >
                            {t('trash.purge')}
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {trash.hasNextPage && (
            <Group>
              <Button variant="default" onClick={() => void trash.fetchNextPage()} loading={trash.isFetchingNextPage}>
                {t('common.loadMore')}
              </Button>
            </Group>
          )}
        </>
      )}
      <Modal opened={confirm !== null} onClose={() => setConfirm(null)} title={t('trash.purgeTitle')} centered>
        <Stack>
          <Text size="sm">{t('trash.purgeBody', { title: confirm?.title ?? '' })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirm(null)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              loading={purge.isPending}
              onClick={() => {
                if (!confirm) return;
                const item = confirm;
                purge.mutate(item, {
                  onSuccess: () => {
                    setConfirm(null);
                    notifications.show({ message: t('trash.purged', { title: item.title }) });
                  },
                  onError: fail,
                });
              }}
            >
              {t('trash.purge')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
