import { Box, Group, ScrollArea, Skeleton, Stack, Text, ThemeIcon, UnstyledButton } from '@mantine/core';
import { IconAt, IconBell, IconBellRinging, IconChecklist, IconInfoCircle, IconUserPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useFormatters } from '@/lib/format';
import type { Notification, NotificationKind } from '../api/types';
import { useNotifications } from '../api/use-notifications';

const KIND_ICON: Record<NotificationKind, typeof IconAt> = {
  mention: IconAt,
  reminder: IconBellRinging,
  assignment: IconUserPlus,
  task: IconChecklist,
  system: IconInfoCircle,
};
const KIND_COLOR: Record<NotificationKind, string> = { mention: 'indigo', reminder: 'grape', assignment: 'teal', task: 'orange', system: 'gray' };

function NotificationItem({ n, onOpen }: { n: Notification; onOpen: (n: Notification) => void }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const Icon = KIND_ICON[n.kind] ?? IconInfoCircle;
  const unread = !n.read_at;
  return (
    <UnstyledButton
      onClick={() => onOpen(n)}
      p="xs"
      data-testid="notification"
      data-unread={unread || undefined}
      aria-label={`${unread ? `${t('notifications.unread')}: ` : ''}${n.title}`}
      style={{ borderRadius: 'var(--mantine-radius-sm)', background: unread ? 'var(--mantine-color-indigo-0)' : undefined, width: '100%' }}
    >
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <ThemeIcon size="md" radius="xl" variant="light" color={KIND_COLOR[n.kind] ?? 'gray'}>
          <Icon size={16} />
        </ThemeIcon>
        <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
          <Text size="sm" fw={unread ? 600 : 400} lineClamp={2}>
            {n.title}
          </Text>
          {n.body && (
            <Text size="xs" c="dimmed" lineClamp={2}>
              {n.body}
            </Text>
          )}
          <Text size="xs" c="dimmed" title={fmt.dateTime(n.created_at)}>
            {t(`notifications.kind.${n.kind}`)} · {fmt.relative(n.created_at)}
          </Text>
        </Stack>
        {unread && <Box w={8} h={8} mt={6} style={{ borderRadius: '50%', background: 'var(--mantine-color-indigo-6)', flex: 'none' }} aria-hidden />}
      </Group>
    </UnstyledButton>
  );
}

/** The bell's list (its own chunk: loaded the first time the bell opens). */
export default function NotificationList({ onOpen }: { onOpen: (n: Notification) => void }) {
  const { t } = useTranslation();
  const list = useNotifications();
  const items = list.data?.items ?? [];
  if (list.isPending) {
    return (
      <Stack gap="xs" p="xs" aria-busy="true" aria-label={t('app.loading')}>
        <Skeleton height={44} />
        <Skeleton height={44} />
      </Stack>
    );
  }
  if (list.isError) return <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />;
  if (items.length === 0) {
    return (
      <Stack align="center" gap={4} py="lg">
        <IconBell size={28} color="var(--mantine-color-gray-5)" />
        <Text size="sm" c="dimmed">
          {t('notifications.empty')}
        </Text>
      </Stack>
    );
  }
  return (
    <ScrollArea.Autosize mah={420} type="auto">
      <Stack gap={2} role="list" aria-label={t('notifications.title')}>
        {items.map((n) => (
          <div role="listitem" key={n.id}>
            <NotificationItem n={n} onOpen={onOpen} />
          </div>
        ))}
      </Stack>
    </ScrollArea.Autosize>
  );
}
