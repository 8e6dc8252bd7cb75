import { ActionIcon, Anchor, Box, Button, Center, Divider, Group, Indicator, Loader, Popover, Text } from '@mantine/core';
import { IconBell, IconChecks } from '@tabler/icons-react';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { recordPath } from '@/lib/records';
import type { Notification } from '../api/types';
import { useMarkAllRead, useMarkRead } from '../api/use-mark-read';
import { useUnreadCount } from '../api/use-unread-count';

const NotificationList = lazy(() => import('./NotificationList'));

/** The header bell (in the fixed header: never detached, so its panel is never hidden): unread count (kept live by the stream) and the latest notifications. */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [opened, setOpened] = useState(false);
  const count = useUnreadCount();
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const unread = count.data ?? 0;

  const open = (n: Notification) => {
    if (!n.read_at) markRead.mutate(n.id);
    setOpened(false);
    const path = recordPath(n.record_type, n.record_id);
    if (path) navigate(path.startsWith('/my-day') ? path : `${path}?tab=timeline`);
  };

  return (
    <Indicator label={unread > 99 ? '99+' : unread} disabled={unread === 0} size={16} color="red" offset={4} inline>
      <Popover opened={opened} onChange={setOpened} width={380} position="bottom-end" shadow="md" withinPortal trapFocus={false} hideDetached={false}>
        <Popover.Target>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            onClick={() => setOpened((o) => !o)}
            aria-label={unread > 0 ? t('notifications.bellUnread', { count: unread }) : t('notifications.bell')}
            aria-expanded={opened}
            aria-haspopup="dialog"
            data-testid="notification-bell"
          >
            <IconBell size={20} />
          </ActionIcon>
        </Popover.Target>
        <Popover.Dropdown p={0} role="dialog" aria-labelledby="notifications-title">
          <Group justify="space-between" px="sm" py="xs">
            <Text fw={600} size="sm" id="notifications-title">
              {t('notifications.title')}
            </Text>
            <Button size="compact-xs" variant="subtle" leftSection={<IconChecks size={14} />} disabled={unread === 0} loading={markAll.isPending} onClick={() => markAll.mutate()}>
              {t('notifications.markAll')}
            </Button>
          </Group>
          <Divider />
          <Box p={4}>
            {opened && (
              <Suspense
                fallback={
                  <Center py="md">
                    <Loader size="sm" aria-label={t('app.loading')} />
                  </Center>
                }
              >
                <NotificationList onOpen={open} />
              </Suspense>
            )}
          </Box>
          <Divider />
          <Group justify="center" py={6}>
            <Anchor component={Link} to="/profile" size="xs" onClick={() => setOpened(false)}>
              {t('notifications.settings')}
            </Anchor>
          </Group>
        </Popover.Dropdown>
      </Popover>
    </Indicator>
  );
}
