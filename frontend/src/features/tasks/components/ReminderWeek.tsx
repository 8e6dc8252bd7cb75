import { Anchor, Card, Group, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconBell, IconCake, IconRefresh, IconUserCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useFormatters } from '@/lib/format';
import { recordPath } from '@/lib/records';
import { recordRefOf, type Task } from '../api/types';
import { useRecordNames } from '../api/use-record-names';
import { useReminderWeek } from '../api/use-reminder-week';

/** Which reminder made a task (the reminder key starts with the rule's kind). */
function reminderKind(task: Task): 'birthday' | 'followup' | 'date' {
  const key = task.reminder_key ?? '';
  if (key.startsWith('birthday')) return 'birthday';
  if (key.startsWith('followup')) return 'followup';
  return 'date';
}

const ICON = { birthday: IconCake, followup: IconUserCheck, date: IconRefresh } as const;
const COLOR = { birthday: 'pink', followup: 'orange', date: 'teal' } as const;

interface Props {
  meId: string | undefined;
  from: Date;
  to: Date;
}

/** "This week": reminder tasks (birthdays, renewals, follow-ups) due in the next seven days. */
export function ReminderWeek({ meId, from, to }: Props) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const q = useReminderWeek(meId, from.toISOString(), to.toISOString());
  const tasks = q.data ?? [];
  const names = useRecordNames(tasks.map(recordRefOf).filter((r) => r !== null));

  let body;
  if (q.isPending) body = <Skeleton height={80} />;
  else if (q.isError) body = <ProblemAlert error={q.error} onRetry={() => void q.refetch()} />;
  else if (tasks.length === 0)
    body = (
      <Text size="sm" c="dimmed">
        {t('tasks.week.empty')}
      </Text>
    );
  else
    body = (
      <Stack gap="sm" role="list" aria-labelledby="my-day-week">
        {tasks.map((task) => {
          const kind = reminderKind(task);
          const Icon = ICON[kind];
          const ref = recordRefOf(task);
          const path = ref ? recordPath(ref.type, ref.id) : null;
          return (
            <Group key={task.id} gap="sm" wrap="nowrap" align="flex-start" role="listitem" data-testid="week-reminder">
              <ThemeIcon size="md" radius="xl" variant="light" color={COLOR[kind]} aria-label={t(`tasks.week.kind.${kind}`)}>
                <Icon size={16} />
              </ThemeIcon>
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Text size="sm" fw={500} style={{ wordBreak: 'break-word' }}>
                  {path ? (
                    <Anchor component={Link} to={path} inherit>
                      {task.title}
                    </Anchor>
                  ) : (
                    task.title
                  )}
                </Text>
                <Text size="xs" c="dimmed">
                  {fmt.shortDate(task.due_at)} · {t(`tasks.week.kind.${kind}`)}
                  {ref && names.get(ref.id) && !task.title.includes(names.get(ref.id) ?? '') ? ` · ${names.get(ref.id)}` : ''}
                </Text>
              </Stack>
            </Group>
          );
        })}
      </Stack>
    );

  return (
    <Card withBorder radius="md" component="section" aria-labelledby="my-day-week">
      <Stack gap="sm">
        <Group gap="xs">
          <IconBell size={18} color="var(--mantine-color-grape-6)" />
          <Title order={2} size="h4" id="my-day-week">
            {t('tasks.week.title')}
          </Title>
        </Group>
        <Text size="xs" c="dimmed">
          {t('tasks.week.subtitle')}
        </Text>
        {body}
      </Stack>
    </Card>
  );
}
