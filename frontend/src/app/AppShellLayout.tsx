import { AppShell, Avatar, Badge, Burger, Group, Menu, NavLink, Skeleton, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconChartBar, IconChevronDown, IconFiles, IconLayoutKanban, IconLogout, IconSettings, IconSun, IconTargetArrow, IconTrash, IconUserCircle, IconUsers } from '@tabler/icons-react';
import { Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterNavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { LocaleSwitch } from '@/components/LocaleSwitch';
import { PageLoader } from '@/components/PageLoader';
import { useCurrentUser } from '@/hooks/use-current-user';
import { useLiveUpdates } from '@/hooks/use-live-updates';
import { browserTimeZone } from '@/lib/datetime';
import { useLogout } from '@/features/auth/api/use-logout';
import { NotificationBell } from '@/features/notifications/components/NotificationBell';
import { useOverdueCount } from '@/features/tasks/api/use-overdue-count';

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((p) => p[0]?.toUpperCase() ?? '')
    .join('');
}

function UserMenu() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const logout = useLogout();
  const navigate = useNavigate();
  if (me.isPending) return <Skeleton height={32} width={140} />;
  const name = me.data?.full_name || me.data?.email || '';
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={t('user.menu')}>
          <Group gap="xs" wrap="nowrap">
            <Avatar size="sm" radius="xl" color="indigo">
              {initials(name)}
            </Avatar>
            <Text size="sm" fw={500} visibleFrom="xs">
              {name}
            </Text>
            <IconChevronDown size={14} />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        {me.data && (
          <Menu.Label>
            {me.data.email} · {t(`user.role.${me.data.role}`)}
          </Menu.Label>
        )}
        <Menu.Item leftSection={<IconUserCircle size={16} />} onClick={() => navigate('/profile')}>
          {t('user.profile')}
        </Menu.Item>
        <Menu.Item
          leftSection={<IconLogout size={16} />}
          onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) })}
        >
          {t('user.logout')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

export function AppShellLayout() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure();
  const me = useCurrentUser();
  const { pathname } = useLocation();
  // One live stream per signed-in tab: lists, detail pages and the bell refresh without reload.
  useLiveUpdates(me.data?.id);
  const tz = useMemo(browserTimeZone, []);
  const overdue = useOverdueCount(tz, Boolean(me.data));
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('app.toggleNav')} />
            <Text fw={700} size="lg">
              {t('app.name')}
            </Text>
          </Group>
          <Group gap="md" wrap="nowrap">
            <LocaleSwitch />
            <NotificationBell />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('nav.main')}>
        <NavLink
          component={RouterNavLink}
          to="/my-day"
          label={t('nav.myDay')}
          leftSection={<IconSun size={18} />}
          rightSection={
            overdue.data ? (
              <Badge size="xs" color="red" variant="filled" aria-label={t('nav.overdue', { count: overdue.data })}>
                {overdue.data}
              </Badge>
            ) : undefined
          }
          onClick={close}
        />
        <NavLink
          component={RouterNavLink}
          to="/customers"
          label={t('nav.customers')}
          leftSection={<IconUsers size={18} />}
          onClick={close}
        />
        <NavLink
          component={RouterNavLink}
          to="/leads"
          label={t('nav.leads')}
          leftSection={<IconTargetArrow size={18} />}
          onClick={close}
        />
        <NavLink
          component={RouterNavLink}
          to="/deals/board"
          // The list, board, detail and form screens all belong to Deals.
          active={pathname === '/deals' || pathname.startsWith('/deals/')}
          label={t('nav.deals')}
          leftSection={<IconLayoutKanban size={18} />}
          onClick={close}
        />
        <NavLink component={RouterNavLink} to="/documents" label={t('nav.documents')} leftSection={<IconFiles size={18} />} onClick={close} />
        <NavLink
          component={RouterNavLink}
          to="/reports/lost-reasons"
          label={t('nav.reports')}
          leftSection={<IconChartBar size={18} />}
          onClick={close}
        />
        <NavLink component={RouterNavLink} to="/trash" label={t('nav.trash')} leftSection={<IconTrash size={18} />} onClick={close} />
        {me.data?.role === 'admin' && (
          <NavLink
            component={RouterNavLink}
            to="/settings"
            label={t('nav.settings')}
            leftSection={<IconSettings size={18} />}
            onClick={close}
          />
        )}
      </AppShell.Navbar>
      <AppShell.Main>
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
