import { ActionIcon, Alert, Button, Group, Modal, MultiSelect, NumberInput, SegmentedControl, Select, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconEdit, IconInfoCircle, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/api/errors';
import { ConfirmModal } from '@/components/ConfirmModal';
import { EmptyState } from '@/components/EmptyState';
import { ProblemAlert } from '@/components/ProblemAlert';
import { TableSkeleton } from '@/components/TableSkeleton';
import { locToPath } from '@/lib/form-errors';
import type { AssignmentRule, User } from '../api/types';
import { useAdminUsers } from '../api/use-admin-users';
import { useAssignmentRules } from '../api/use-assignment-rules';
import { useCreateAssignmentRule, useDeleteAssignmentRule, useUpdateAssignmentRule } from '../api/use-save-assignment-rule';
import { conditionError, ConditionBuilder } from './ConditionBuilder';
import { conditionText, type ConditionLike } from './condition-text';
import { SettingsTable } from './SettingsTable';

const COMBO = { withinPortal: true, zIndex: 1000 } as const;

function AssignmentRuleModal({ rule, users, nextPosition, onClose }: { rule?: AssignmentRule; users: User[]; nextPosition: number; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateAssignmentRule();
  const update = useUpdateAssignmentRule();
  const [name, setName] = useState(rule?.name ?? '');
  const [conditions, setConditions] = useState<ConditionLike[]>(rule?.conditions.map(({ field, op, value }) => ({ field, op, value })) ?? []);
  const [mode, setMode] = useState<'users' | 'team'>(rule?.team_manager_id ? 'team' : 'users');
  const [userIds, setUserIds] = useState<string[]>(rule?.user_ids ?? []);
  const [managerId, setManagerId] = useState<string | null>(rule?.team_manager_id ?? null);
  const [position, setPosition] = useState<number | string>(rule?.position ?? nextPosition);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const error = create.error ?? update.error;
  const serverErrors: Record<string, string> = {};
  if (isApiError(error, 422)) for (const e of error.fieldErrors) serverErrors[locToPath(e.loc)] = e.msg;
  const err = (k: string) => errors[k] ?? serverErrors[k];
  const condErrors: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries({ ...serverErrors, ...errors })) if (k.startsWith('conditions.')) condErrors[k.slice('conditions.'.length)] = v;
  const placedPrefixes = ['name', 'conditions', 'user_ids', 'team_manager_id', 'position'];
  const unplaced = error && !Object.keys(serverErrors).some((k) => placedPrefixes.some((p) => k === p || k.startsWith(`${p}.`)));
  const active = users.filter((u) => u.is_active);
  const managers = active.filter((u) => users.some((x) => x.manager_id === u.id) || u.id === managerId);

  return (
    <Modal opened onClose={onClose} title={rule ? t('settings.assignment.edit', { name: rule.name }) : t('settings.assignment.new')} centered size="xl" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const next: Record<string, string> = {};
          if (!name.trim()) next.name = t('settings.assignment.nameRequired');
          conditions.forEach((c, i) => {
            const ce = conditionError(c, t);
            if (ce) next[`conditions.${i}.value`] = ce;
          });
          if (mode === 'users' && userIds.length === 0) next.user_ids = t('settings.assignment.usersRequired');
          if (mode === 'team' && !managerId) next.team_manager_id = t('settings.assignment.managerRequired');
          const pos = Number(position);
          if (position === '' || !Number.isInteger(pos) || pos < 0) next.position = t('settings.assignment.positionInvalid');
          setErrors(next);
          if (Object.keys(next).length > 0) return;
          const body = {
            name: name.trim(),
            conditions: conditions.map((c) => ({ field: c.field, op: c.op, value: c.value.trim() })),
            user_ids: mode === 'users' ? userIds : [],
            team_manager_id: mode === 'team' ? managerId : null,
            position: pos,
          };
          const done = () => {
            notifications.show({ color: 'green', message: t('settings.assignment.saved', { name: body.name }) });
            onClose();
          };
          if (rule) update.mutate({ id: rule.id, changes: body }, { onSuccess: done });
          else create.mutate({ ...body, active: true }, { onSuccess: done });
        }}
      >
        <Stack>
          {unplaced ? <ProblemAlert error={error} /> : null}
          <Group align="flex-start" grow>
            <TextInput label={t('settings.assignment.name')} required data-autofocus value={name} onChange={(e) => setName(e.currentTarget.value)} error={err('name')} />
            <NumberInput
              label={t('settings.assignment.position')}
              description={t('settings.assignment.positionHint')}
              min={0}
              allowDecimal={false}
              allowNegative={false}
              value={position}
              onChange={setPosition}
              error={err('position')}
              maw={200}
            />
          </Group>
          <div>
            <Text size="sm" fw={500} mb={4}>
              {t('settings.assignment.conditions')}
            </Text>
            <ConditionBuilder value={conditions} onChange={setConditions} errors={condErrors} />
          </div>
          <div>
            <Text size="sm" fw={500} mb={4} id="assign-to-label">
              {t('settings.assignment.assignTo')}
            </Text>
            <SegmentedControl
              aria-labelledby="assign-to-label"
              value={mode}
              onChange={(v) => setMode(v === 'team' ? 'team' : 'users')}
              data={[
                { value: 'users', label: t('settings.assignment.modeUsers') },
                { value: 'team', label: t('settings.assignment.modeTeam') },
              ]}
              mb="xs"
            />
            {mode === 'users' ? (
              <MultiSelect
                label={t('settings.assignment.users')}
                description={t('settings.assignment.usersHint')}
                data={active.map((u) => ({ value: u.id, label: u.full_name || u.email }))}
                value={userIds}
                onChange={setUserIds}
                searchable
                error={err('user_ids')}
                comboboxProps={COMBO}
              />
            ) : (
              <Select
                label={t('settings.assignment.manager')}
                description={t('settings.assignment.managerHint')}
                data={(managers.length > 0 ? managers : active).map((u) => ({ value: u.id, label: u.full_name || u.email }))}
                value={managerId}
                onChange={setManagerId}
                searchable
                error={err('team_manager_id')}
                comboboxProps={COMBO}
              />
            )}
          </div>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending || update.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Settings → Lead assignment: the first active matching rule (by position) picks a new lead's owner. */
export function AssignmentRulesPanel() {
  const { t } = useTranslation();
  const rules = useAssignmentRules();
  const usersQuery = useAdminUsers();
  const update = useUpdateAssignmentRule();
  const del = useDeleteAssignmentRule();
  const [editing, setEditing] = useState<{ rule?: AssignmentRule } | null>(null);
  const [confirm, setConfirm] = useState<AssignmentRule | null>(null);
  const users = useMemo(() => usersQuery.data?.pages.flatMap((p) => p.items) ?? [], [usersQuery.data]);
  const list = rules.data ?? [];
  const nextPosition = list.length > 0 ? Math.max(...list.map((r) => r.position)) + 10 : 10;
  const userName = (id: string) => {
    const u = users.find((x) => x.id === id);
    return u ? u.full_name || u.email : id;
  };
  const fail = (err: unknown) => notifications.show({ color: 'red', message: isApiError(err) ? (err.problem?.detail ?? err.message) : t('common.networkError') });

  /** Swap positions with the neighbour (two PATCHes; the list re-sorts by position). */
  const move = (i: number, dir: -1 | 1) => {
    const a = list[i];
    const b = list[i + dir];
    if (!a || !b) return;
    const [pa, pb] = a.position === b.position ? [b.position + dir, a.position] : [b.position, a.position];
    update.mutate({ id: a.id, changes: { position: Math.max(0, pa) } }, { onError: fail });
    update.mutate({ id: b.id, changes: { position: Math.max(0, pb) } }, { onError: fail });
  };

  const newButton = (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({})}>
      {t('settings.assignment.new')}
    </Button>
  );

  let body;
  if (rules.isPending) body = <TableSkeleton rows={4} />;
  else if (rules.isError) body = <ProblemAlert error={rules.error} onRetry={() => void rules.refetch()} />;
  else if (list.length === 0) body = <EmptyState title={t('settings.assignment.emptyTitle')} description={t('settings.assignment.emptyBody')} action={newButton} />;
  else
    body = (
      <SettingsTable
        label={t('settings.assignment.title')}
        minWidth={900}
        columns={[
          t('settings.assignment.order'),
          t('settings.assignment.name'),
          t('settings.assignment.conditions'),
          t('settings.assignment.assignTo'),
          t('settings.assignment.assigned'),
          t('settings.assignment.active'),
          t('settings.actions'),
        ]}
      >
        {list.map((r, i) => (
          <Table.Tr key={r.id}>
            <Table.Td>
              <Group gap={2} wrap="nowrap">
                <Text size="sm" w={28} c="dimmed">
                  {i + 1}
                </Text>
                <ActionIcon variant="subtle" size="sm" disabled={i === 0 || update.isPending} aria-label={t('settings.assignment.moveUp', { name: r.name })} onClick={() => move(i, -1)}>
                  <IconArrowUp size={14} />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  size="sm"
                  disabled={i === list.length - 1 || update.isPending}
                  aria-label={t('settings.assignment.moveDown', { name: r.name })}
                  onClick={() => move(i, 1)}
                >
                  <IconArrowDown size={14} />
                </ActionIcon>
              </Group>
            </Table.Td>
            <Table.Td>
              <Text size="sm" fw={500} c={r.active ? undefined : 'dimmed'}>
                {r.name}
              </Text>
            </Table.Td>
            <Table.Td>
              {r.conditions.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('settings.assignment.anyLead')}
                </Text>
              ) : (
                r.conditions.map((c, j) => (
                  <Text size="sm" key={j} title={c.text}>
                    {conditionText(c, t)}
                  </Text>
                ))
              )}
            </Table.Td>
            <Table.Td>
              <Text size="sm">
                {r.team_manager_id
                  ? t('settings.assignment.teamOf', { name: userName(r.team_manager_id) })
                  : t('settings.assignment.roundRobin', { names: r.user_ids.map(userName).join(', ') })}
              </Text>
            </Table.Td>
            <Table.Td>{r.assigned_count}</Table.Td>
            <Table.Td>
              <Switch
                checked={r.active}
                aria-label={t('settings.assignment.activeFor', { name: r.name })}
                onChange={(e) => update.mutate({ id: r.id, changes: { active: e.currentTarget.checked } }, { onError: fail })}
              />
            </Table.Td>
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                <Button size="xs" variant="light" leftSection={<IconEdit size={14} />} aria-label={`${t('common.edit')} ${r.name}`} onClick={() => setEditing({ rule: r })}>
                  {t('common.edit')}
                </Button>
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  leftSection={<IconTrash size={14} />}
                  aria-label={`${t('common.delete')} ${r.name}`}
                  onClick={() => {
                    del.reset();
                    setConfirm(r);
                  }}
                >
                  {t('common.delete')}
                </Button>
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </SettingsTable>
    );

  return (
    <Stack>
      <Group justify="space-between">
        <Text c="dimmed" size="sm">
          {t('settings.assignment.subtitle')}
        </Text>
        {list.length > 0 && newButton}
      </Group>
      <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />}>
        {t('settings.assignment.note')}
      </Alert>
      {body}
      {editing && (
        <AssignmentRuleModal key={editing.rule?.id ?? 'new'} rule={editing.rule} users={users} nextPosition={nextPosition} onClose={() => setEditing(null)} />
      )}
      <ConfirmModal
        opened={confirm !== null}
        onClose={() => setConfirm(null)}
        title={t('settings.assignment.deleteTitle')}
        body={t('settings.assignment.deleteBody', { name: confirm?.name ?? '' })}
        confirmLabel={t('common.delete')}
        loading={del.isPending}
        error={del.isError ? <ProblemAlert error={del.error} /> : undefined}
        onConfirm={() =>
          confirm &&
          del.mutate(confirm.id, {
            onSuccess: () => {
              notifications.show({ color: 'green', message: t('settings.assignment.deleted', { name: confirm.name }) });
              setConfirm(null);
            },
          })
        }
      />
    </Stack>
  );
}
