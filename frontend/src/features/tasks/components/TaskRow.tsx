import { ActionIcon, Anchor, Badge, Button, Checkbox, Group, Menu, Modal, Paper, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBell, IconCalendarTime, IconRepeat } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '@/api/errors';
import { fromLocalInput, morningOf, toLocalInput } from '@/lib/datetime';
import { useFormatters } from '@/lib/format';
import { recordPath } from '@/lib/records';
import type { Task, TaskView } from '../api/types';
import { recordRefOf } from '../api/types';
import { useUpdateTask } from '../api/use-update-task';

const PRIORITY_COLOR = { high: 'red', normal: 'blue', low: 'gray' } as const;

interface Props {
  task: Task;
  view: TaskView | 'week';
  recordName?: string;
  highlighted?: boolean;
}

/** One task: complete, reschedule, open its record. */
export function TaskRow({ task, view, recordName, highlighted }: Props) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const update = useUpdateTask();
  const [picking, setPicking] = useState(false);
  const [picked, setPicked] = useState('');
  const ref = useRef<HTMLDivElement>(null);
  const record = recordRefOf(task);
  const path = record ? recordPath(record.type, record.id) : null;

  useEffect(() => {
    if (highlighted) ref.current?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [highlighted]);

  const failed = (e: unknown) =>
    notifications.show({
      color: 'red',
      title: t('tasks.updateFailed'),
      message: isApiError(e, 412) ? t('tasks.stale') : isApiError(e) ? (e.problem?.detail ?? e.message) : t('common.networkError'),
    });

  const complete = () =>
    update.mutate(
      { task, changes: { status: 'done' } },
      {
        onSuccess: (done) =>
          notifications.show({
            color: 'green',
            message: done.next_task_id ? t('tasks.completedRecurring', { title: task.title }) : t('tasks.completed', { title: task.title }),
          }),
        onError: failed,
      },
    );

  const reschedule = (when: Date | string | null) => {
    const due = when instanceof Date ? when.toISOString() : when;
    if (!due) return;
    update.mutate(
      { task, changes: { due_at: due } },
      {
        onSuccess: (u) => {
          setPicking(false);
          notifications.show({ color: 'blue', message: t('tasks.rescheduled', { title: task.title, date: fmt.dateTime(u.due_at) }) });
        },
        onError: failed,
      },
    );
  };

  // A task with a time keeps it; "tomorrow" from an overdue task means tomorrow, not a day after the old date.
  const keepTime = (days: number) => {
    const base = morningOf(days);
    if (task.due_at) {
      const old = new Date(task.due_at);
      base.setHours(old.getHours(), old.getMinutes());
    }
    return base;
  };

  let when = '';
  if (task.due_at) {
    if (view === 'today') when = fmt.time(task.due_at);
    else if (view === 'overdue') when = `${fmt.relative(task.due_at)} · ${fmt.dateTime(task.due_at)}`;
    else when = fmt.dateTime(task.due_at);
  }

  return (
    <Paper
      ref={ref}
      withBorder
      p="sm"
      radius="md"
      data-testid="task-row"
      aria-current={highlighted ? 'true' : undefined}
      style={highlighted ? { borderColor: 'var(--mantine-color-yellow-5)', background: 'var(--mantine-color-yellow-0)' } : undefined}
    >
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Group gap="sm" wrap="nowrap" align="flex-start" style={{ minWidth: 0 }}>
          <Checkbox
            mt={2}
            aria-label={t('tasks.complete', { title: task.title })}
            checked={update.isPending && update.variables?.changes.status === 'done'}
            disabled={update.isPending}
            onChange={complete}
          />
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Group gap={6} wrap="wrap">
              <Text size="sm" fw={500} style={{ wordBreak: 'break-word' }}>
                {task.title}
              </Text>
              {task.priority !== 'normal' && (
                <Badge size="xs" variant="light" color={PRIORITY_COLOR[task.priority]}>
                  {t(`tasks.priority.${task.priority}`)}
                </Badge>
              )}
              {task.source === 'reminder' && (
                <Tooltip label={t('tasks.fromReminder')}>
                  <IconBell size={14} aria-label={t('tasks.fromReminder')} color="var(--mantine-color-grape-6)" />
                </Tooltip>
              )}
              {task.recurrence !== 'none' && (
                <Tooltip label={t(`tasks.recurrence.${task.recurrence}`)}>
                  <IconRepeat size={14} aria-label={t(`tasks.recurrence.${task.recurrence}`)} color="var(--mantine-color-dimmed)" />
                </Tooltip>
              )}
            </Group>
            <Group gap={8} wrap="wrap">
              {when && (
                <Text size="xs" c={view === 'overdue' ? 'red' : 'dimmed'}>
                  {when}
                </Text>
              )}
              {path && (
                <Anchor component={Link} to={path} size="xs">
                  {recordName ?? t(`tasks.recordType.${record?.type}`)}
                </Anchor>
              )}
            </Group>
          </Stack>
        </Group>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon variant="subtle" color="gray" aria-label={t('tasks.reschedule', { title: task.title })} loading={update.isPending && Boolean(update.variables?.changes.due_at)}>
              <IconCalendarTime size={18} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>{t('tasks.rescheduleTo')}</Menu.Label>
            <Menu.Item onClick={() => reschedule(keepTime(1))}>{t('tasks.when.tomorrow')}</Menu.Item>
            <Menu.Item onClick={() => reschedule(keepTime(3))}>{t('tasks.when.in3days')}</Menu.Item>
            <Menu.Item onClick={() => reschedule(keepTime(7))}>{t('tasks.when.nextWeek')}</Menu.Item>
            <Menu.Divider />
            <Menu.Item
              onClick={() => {
                setPicked(toLocalInput(task.due_at ? new Date(task.due_at) : morningOf(1)));
                setPicking(true);
              }}
            >
              {t('tasks.when.pick')}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Group>
      <Modal opened={picking} onClose={() => setPicking(false)} title={t('tasks.rescheduleTitle', { title: task.title })} centered size="sm" closeButtonProps={{ 'aria-label': t('common.close') }}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            reschedule(fromLocalInput(picked));
          }}
        >
          <Stack gap="sm">
            <TextInput type="datetime-local" label={t('tasks.newDue')} value={picked} onChange={(e) => setPicked(e.currentTarget.value)} data-autofocus />
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={() => setPicking(false)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" disabled={!fromLocalInput(picked)} loading={update.isPending}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Paper>
  );
}
