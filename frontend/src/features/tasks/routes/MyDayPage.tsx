import { Card, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCalendarDue, IconCalendarWeek } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { assignableUsers, TaskForm } from '@/components/TaskForm';
import { useCurrentUser } from '@/hooks/use-current-user';
import { useUserDirectory } from '@/hooks/use-user-directory';
import { browserTimeZone, startOfLocalDay } from '@/lib/datetime';
import { useFormatters } from '@/lib/format';
import { useCreateTask } from '../api/use-create-task';
import { ReminderWeek } from '../components/ReminderWeek';
import { TaskSection } from '../components/TaskSection';

/** My day: my overdue, today's and upcoming tasks (in this browser's time zone), this week's reminders, a quick new task. */
export default function MyDayPage() {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const me = useCurrentUser();
  const users = useUserDirectory();
  const create = useCreateTask();
  const [params] = useSearchParams();
  const highlight = params.get('task');
  const tz = useMemo(browserTimeZone, []);
  const [from, to] = useMemo(() => [startOfLocalDay(0), startOfLocalDay(7)], []);
  const assignees = assignableUsers(users.data ?? [], me.data);

  return (
    <Stack>
      <div>
        <Title order={1} size="h2">
          {t('tasks.myDay')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('tasks.today', { date: fmt.date(new Date().toISOString()), tz })}
        </Text>
      </div>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="xl">
            <TaskSection view="overdue" tz={tz} highlight={highlight} icon={<IconAlertTriangle size={20} color="var(--mantine-color-red-6)" />} />
            <TaskSection view="today" tz={tz} highlight={highlight} icon={<IconCalendarDue size={20} color="var(--mantine-color-indigo-6)" />} />
            <TaskSection view="upcoming" tz={tz} highlight={highlight} icon={<IconCalendarWeek size={20} color="var(--mantine-color-gray-6)" />} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack>
            <Card withBorder radius="md" component="section" aria-labelledby="my-day-new">
              <Stack gap="sm">
                <Group gap="xs">
                  <Title order={2} size="h4" id="my-day-new">
                    {t('tasks.new')}
                  </Title>
                </Group>
                <TaskForm
                  compact
                  assignees={assignees}
                  meId={me.data?.id}
                  submitLabel={t('tasks.add')}
                  loading={create.isPending}
                  error={create.error}
                  onSubmit={(body, reset) =>
                    create.mutate(body, {
                      onSuccess: (task) => {
                        reset();
                        notifications.show({ color: 'green', message: t('tasks.created', { title: task.title }) });
                      },
                    })
                  }
                />
              </Stack>
            </Card>
            <ReminderWeek meId={me.data?.id} from={from} to={to} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
