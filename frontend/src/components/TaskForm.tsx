import { Button, Group, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '@/api/client';
import { isApiError } from '@/api/errors';
import { ProblemAlert } from '@/components/ProblemAlert';
import { fromLocalInput, morningOf, toLocalInput } from '@/lib/datetime';
import { locToPath } from '@/lib/form-errors';

export type TaskCreateBody = Schemas['TaskCreate'];
type Priority = Schemas['TaskPriority'];
type Recurrence = Schemas['Recurrence'];

export const PRIORITIES: Priority[] = ['low', 'normal', 'high'];
export const RECURRENCES: Recurrence[] = ['none', 'daily', 'weekly', 'monthly', 'yearly'];

export interface TaskAssignee {
  id: string;
  name: string;
}

interface UserLike {
  id: string;
  full_name: string;
  email: string;
  role: string;
  manager_id?: string | null;
  is_active: boolean;
}

/** Whom the caller may give a task to: admins anyone, managers their reports, others only themselves. */
export function assignableUsers(users: readonly UserLike[], me: UserLike | undefined): TaskAssignee[] | undefined {
  if (!me || (me.role !== 'admin' && me.role !== 'manager')) return undefined;
  return users
    .filter((u) => u.is_active && (me.role === 'admin' || u.id === me.id || u.manager_id === me.id))
    .map((u) => ({ id: u.id, name: u.full_name || u.email }));
}

interface Props {
  /** People the task may be given to (the caller first); none: always the caller. */
  assignees?: TaskAssignee[];
  meId?: string;
  submitLabel: string;
  loading?: boolean;
  /** The last failed attempt: 422 errors are shown on their fields. */
  error?: unknown;
  /** Called with the body; `reset` clears the form (after a success). */
  onSubmit: (body: TaskCreateBody, reset: () => void) => void;
  onCancel?: () => void;
  autoFocus?: boolean;
  /** Show the description and repeat fields (the full form) or only the essentials. */
  compact?: boolean;
}

const FIELD_OF: Record<string, string> = { title: 'title', due_at: 'due', priority: 'priority', recurrence: 'recurrence', assignee_id: 'assignee', description: 'description' };

/** A new task: title, due (local time, default tomorrow 9:00), priority, repeat, assignee, notes. */
export function TaskForm({ assignees, meId, submitLabel, loading, error, onSubmit, onCancel, autoFocus, compact }: Props) {
  const { t } = useTranslation();
  const blank = () => ({ title: '', due: toLocalInput(morningOf(1)), priority: 'normal' as Priority, recurrence: 'none' as Recurrence, assignee: meId ?? '', description: '' });
  const [v, setV] = useState(blank);
  const [missing, setMissing] = useState(false);
  const set = <K extends keyof ReturnType<typeof blank>>(k: K, value: ReturnType<typeof blank>[K]) => setV((prev) => ({ ...prev, [k]: value }));

  const serverErrors: Record<string, string> = {};
  if (isApiError(error, 422)) {
    for (const e of error.fieldErrors) {
      const field = FIELD_OF[locToPath(e.loc)];
      if (field) serverErrors[field] = serverErrors[field] ? `${serverErrors[field]}; ${e.msg}` : e.msg;
    }
  }
  const unplaced = error && Object.keys(serverErrors).length === 0;

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!v.title.trim()) {
          setMissing(true);
          return;
        }
        const body: TaskCreateBody = {
          title: v.title.trim(),
          due_at: fromLocalInput(v.due),
          priority: v.priority,
          recurrence: v.recurrence,
          description: v.description.trim() || undefined,
          assignee_id: v.assignee && v.assignee !== meId ? v.assignee : undefined,
        };
        onSubmit(body, () => {
          setV(blank());
          setMissing(false);
        });
      }}
    >
      <Stack gap="sm">
        {unplaced ? <ProblemAlert error={error} /> : null}
        <TextInput
          label={t('tasks.form.title')}
          required
          data-autofocus={autoFocus || undefined}
          value={v.title}
          maxLength={300}
          onChange={(e) => {
            set('title', e.currentTarget.value);
            setMissing(false);
          }}
          error={(missing ? t('tasks.form.titleRequired') : undefined) ?? serverErrors.title}
        />
        <SimpleGrid cols={compact ? 1 : { base: 1, xs: 2 }} spacing="sm">
          <TextInput type="datetime-local" label={t('tasks.form.due')} value={v.due} onChange={(e) => set('due', e.currentTarget.value)} error={serverErrors.due} />
          <Select
            label={t('tasks.form.priority')}
            data={PRIORITIES.map((p) => ({ value: p, label: t(`tasks.priority.${p}`) }))}
            value={v.priority}
            allowDeselect={false}
            onChange={(p) => p && set('priority', p as Priority)}
            error={serverErrors.priority}
          />
          {!compact && (
            <Select
              label={t('tasks.form.recurrence')}
              data={RECURRENCES.map((r) => ({ value: r, label: t(`tasks.recurrence.${r}`) }))}
              value={v.recurrence}
              allowDeselect={false}
              onChange={(r) => r && set('recurrence', r as Recurrence)}
              error={serverErrors.recurrence}
            />
          )}
          {assignees && assignees.length > 1 && (
            <Select
              label={t('tasks.form.assignee')}
              data={assignees.map((a) => ({ value: a.id, label: a.id === meId ? t('tasks.form.me', { name: a.name }) : a.name }))}
              value={v.assignee}
              searchable
              allowDeselect={false}
              onChange={(a) => a && set('assignee', a)}
              error={serverErrors.assignee}
            />
          )}
        </SimpleGrid>
        {!compact && (
          <Textarea
            label={t('tasks.form.description')}
            autosize
            minRows={2}
            maxRows={6}
            value={v.description}
            onChange={(e) => set('description', e.currentTarget.value)}
            error={serverErrors.description}
          />
        )}
        <Group justify="flex-end">
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          )}
          <Button type="submit" loading={loading}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
