import { Badge, Button, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/ProblemAlert';
import { recordRefOf, type TaskView } from '../api/types';
import { useRecordNames } from '../api/use-record-names';
import { useTaskView } from '../api/use-task-view';
import { TaskRow } from './TaskRow';

const COLOR: Record<TaskView, string> = { overdue: 'red', today: 'indigo', upcoming: 'gray' };

interface Props {
  view: TaskView;
  tz: string;
  icon: ReactNode;
  highlight?: string | null;
}

/** One My day list (overdue, today or upcoming) with its count and its empty state. */
export function TaskSection({ view, tz, icon, highlight }: Props) {
  const { t } = useTranslation();
  const q = useTaskView(view, tz);
  const tasks = q.data?.pages.flatMap((p) => p.items) ?? [];
  const names = useRecordNames(tasks.map(recordRefOf).filter((r) => r !== null));
  const headingId = `my-day-${view}`;

  let body;
  if (q.isPending) {
    body = (
      <Stack gap="xs" aria-busy="true" aria-label={t('app.loading')}>
        <Skeleton height={52} />
        <Skeleton height={52} />
      </Stack>
    );
  } else if (q.isError) {
    body = <ProblemAlert error={q.error} onRetry={() => void q.refetch()} />;
  } else if (tasks.length === 0) {
    body = (
      <Text size="sm" c="dimmed" py="xs">
        {t(`tasks.empty.${view}`)}
      </Text>
    );
  } else {
    body = (
      <Stack gap="xs" role="list" aria-labelledby={headingId}>
        {tasks.map((task) => (
          <div role="listitem" key={task.id}>
            <TaskRow task={task} view={view} recordName={task.record_id ? names.get(task.record_id) : undefined} highlighted={highlight === task.id} />
          </div>
        ))}
        {q.hasNextPage && (
          <Group>
            <Button variant="default" size="xs" onClick={() => void q.fetchNextPage()} loading={q.isFetchingNextPage}>
              {t('common.loadMore')}
            </Button>
          </Group>
        )}
      </Stack>
    );
  }

  return (
    <Stack gap="xs" component="section" aria-labelledby={headingId}>
      <Group gap="xs">
        {icon}
        <Title order={2} size="h4" id={headingId}>
          {t(`tasks.views.${view}`)}
        </Title>
        {tasks.length > 0 && (
          <Badge size="sm" variant="light" color={COLOR[view]}>
            {q.hasNextPage ? `${tasks.length}+` : tasks.length}
          </Badge>
        )}
      </Group>
      {body}
    </Stack>
  );
}
