import { Badge, Card, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useCurrentUser } from '@/hooks/use-current-user';
import { CalendarFeedCard } from '../components/CalendarFeedCard';
import { NotificationPreferencesCard } from '../components/NotificationPreferencesCard';

/** The signed-in user's own settings: who they are, which notifications come by e-mail, the calendar feed. */
export default function ProfilePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  let who;
  if (me.isPending) who = <Skeleton height={60} />;
  else if (me.isError) who = <ProblemAlert error={me.error} onRetry={() => void me.refetch()} />;
  else
    who = (
      <Group gap="sm">
        <Text fw={600}>{me.data.full_name}</Text>
        <Text c="dimmed" size="sm">
          {me.data.email}
        </Text>
        <Badge variant="light">{t(`user.role.${me.data.role}`)}</Badge>
      </Group>
    );
  return (
    <Stack>
      <div>
        <Title order={1} size="h2">
          {t('profile.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('profile.subtitle')}
        </Text>
      </div>
      <Card withBorder radius="md">{who}</Card>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <NotificationPreferencesCard />
        <CalendarFeedCard />
      </SimpleGrid>
    </Stack>
  );
}
