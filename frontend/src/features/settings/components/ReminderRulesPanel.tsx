import { Badge, Button, Group, Modal, NumberInput, Select, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconEdit, IconPlayerPlay, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/api/errors';
import { ConfirmModal } from '@/components/ConfirmModal';
import { EmptyState } from '@/components/EmptyState';
import { ProblemAlert } from '@/components/ProblemAlert';
import { TableSkeleton } from '@/components/TableSkeleton';
import { useCustomFieldDefinitions } from '@/hooks/use-custom-field-definitions';
import { locToPath } from '@/lib/form-errors';
import { REMINDER_DATE_FIELDS, REMINDER_KINDS, type ReminderKind, type ReminderObject, type ReminderRule, type ReminderRuleCreate } from '../api/types';
import { useCreateReminderRule, useDeleteReminderRule, useReminderRules, useRunReminders, useUpdateReminderRule } from '../api/use-reminder-rules';
import { SettingsTable } from './SettingsTable';

type TFn = ReturnType<typeof useTranslation>['t'];

/** A built-in date column's label, or the custom field's. */
function useDateFieldOptions(objectType: ReminderObject, t: TFn) {
  const custom = useCustomFieldDefinitions(objectType);
  const ns = objectType === 'deal' ? 'deals' : 'customers';
  return [
    ...REMINDER_DATE_FIELDS[objectType].map((f) => ({ value: f, label: t(`${ns}.fields.${f}`) })),
    ...(custom.data ?? []).filter((d) => d.type === 'date').map((d) => ({ value: d.key, label: d.label })),
  ];
}

/** "No interaction for 14 days", "7 days before birthdays", "30 days before Expected close (deals), every year". */
export function describeRule(rule: Pick<ReminderRule, 'kind' | 'days' | 'days_before' | 'object_type' | 'field' | 'yearly'>, t: TFn, fieldLabel?: string): string {
  if (rule.kind === 'followup') return t('settings.reminders.describe.followup', { count: rule.days ?? 0 });
  if (rule.kind === 'birthday') return rule.days_before ? t('settings.reminders.describe.birthday', { count: rule.days_before }) : t('settings.reminders.describe.birthdayOn');
  const object = t(`settings.reminders.objects.${rule.object_type ?? 'deal'}`);
  const field = fieldLabel ?? rule.field ?? '';
  const base = rule.days_before ? t('settings.reminders.describe.date', { count: rule.days_before, field, object }) : t('settings.reminders.describe.dateOn', { field, object });
  return rule.yearly ? `${base} ${t('settings.reminders.describe.yearly')}` : base;
}

const PLACED = ['name', 'kind', 'days', 'days_before', 'object_type', 'field', 'yearly'];

function ReminderRuleModal({ rule, onClose }: { rule?: ReminderRule; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateReminderRule();
  const update = useUpdateReminderRule();
  const [name, setName] = useState(rule?.name ?? '');
  const [kind, setKind] = useState<ReminderKind>(rule?.kind ?? 'followup');
  const [days, setDays] = useState<number | string>(rule?.days ?? 14);
  const [daysBefore, setDaysBefore] = useState<number | string>(rule?.days_before ?? 7);
  const [objectType, setObjectType] = useState<ReminderObject>(rule?.object_type ?? 'deal');
  const [field, setField] = useState<string | null>(rule?.field ?? 'expected_close_date');
  const [yearly, setYearly] = useState(rule?.yearly ?? false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const fieldOptions = useDateFieldOptions(objectType, t);
  const error = create.error ?? update.error;
  const serverErrors: Record<string, string> = {};
  if (isApiError(error, 422)) for (const e of error.fieldErrors) serverErrors[locToPath(e.loc)] = e.msg;
  const unplaced = error && !Object.keys(serverErrors).some((k) => PLACED.includes(k));
  const err = (k: string) => errors[k] ?? serverErrors[k];

  return (
    <Modal opened onClose={onClose} title={rule ? t('settings.reminders.edit', { name: rule.name }) : t('settings.reminders.new')} centered size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const next: Record<string, string> = {};
          if (!name.trim()) next.name = t('settings.reminders.nameRequired');
          const d = Number(days);
          const db = Number(daysBefore);
          if (kind === 'followup' && (days === '' || !Number.isInteger(d) || d < 1)) next.days = t('settings.reminders.daysInvalid');
          if (kind !== 'followup' && (daysBefore === '' || !Number.isInteger(db) || db < 0)) next.days_before = t('settings.reminders.daysInvalid');
          if (kind === 'date_field' && !field) next.field = t('settings.reminders.fieldRequired');
          setErrors(next);
          if (Object.keys(next).length > 0) return;
          const body: ReminderRuleCreate = {
            name: name.trim(),
            kind,
            enabled: rule?.enabled ?? true,
            days: kind === 'followup' ? d : null,
            days_before: kind === 'followup' ? 0 : db,
            object_type: kind === 'date_field' ? objectType : null,
            field: kind === 'date_field' ? field : null,
            yearly: kind === 'date_field' ? yearly : false,
          };
          const done = () => {
            notifications.show({ color: 'green', message: t('settings.reminders.saved', { name: body.name }) });
            onClose();
          };
          if (rule) update.mutate({ rule, changes: body }, { onSuccess: done });
          else create.mutate(body, { onSuccess: done });
        }}
      >
        <Stack>
          {unplaced ? <ProblemAlert error={error} /> : null}
          <TextInput label={t('settings.reminders.name')} required data-autofocus value={name} onChange={(e) => setName(e.currentTarget.value)} error={err('name')} />
          <Select
            label={t('settings.reminders.kind')}
            data={REMINDER_KINDS.map((k) => ({ value: k, label: t(`settings.reminders.kinds.${k}`) }))}
            value={kind}
            allowDeselect={false}
            onChange={(v) => v && setKind(v as ReminderKind)}
            description={t(`settings.reminders.kindHelp.${kind}`)}
            error={err('kind')}
          />
          {kind === 'followup' && (
            <NumberInput label={t('settings.reminders.days')} min={1} max={3650} allowDecimal={false} value={days} onChange={setDays} error={err('days')} />
          )}
          {kind === 'date_field' && (
            <Group grow align="flex-start">
              <Select
                label={t('settings.reminders.object')}
                data={(['deal', 'customer'] as const).map((o) => ({ value: o, label: t(`settings.reminders.objects.${o}`) }))}
                value={objectType}
                allowDeselect={false}
                onChange={(v) => {
                  if (!v) return;
                  setObjectType(v as ReminderObject);
                  setField(REMINDER_DATE_FIELDS[v as ReminderObject][0] ?? null);
                }}
                error={err('object_type')}
              />
              <Select label={t('settings.reminders.field')} data={fieldOptions} value={field} onChange={setField} error={err('field')} />
            </Group>
          )}
          {kind !== 'followup' && (
            <NumberInput label={t('settings.reminders.daysBefore')} description={t('settings.reminders.daysBeforeHelp')} min={0} max={365} allowDecimal={false} value={daysBefore} onChange={setDaysBefore} error={err('days_before')} />
          )}
          {kind === 'date_field' && <Switch label={t('settings.reminders.yearly')} description={t('settings.reminders.yearlyHelp')} checked={yearly} onChange={(e) => setYearly(e.currentTarget.checked)} />}
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

function RuleRow({ rule, onEdit, onDelete }: { rule: ReminderRule; onEdit: () => void; onDelete: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateReminderRule();
  const fieldOptions = useDateFieldOptions(rule.object_type ?? 'deal', t);
  const fieldLabel = fieldOptions.find((o) => o.value === rule.field)?.label;
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={500} c={rule.enabled ? undefined : 'dimmed'}>
          {rule.name}
        </Text>
      </Table.Td>
      <Table.Td>
        <Badge size="sm" variant="light" color={rule.kind === 'birthday' ? 'pink' : rule.kind === 'followup' ? 'orange' : 'teal'}>
          {t(`settings.reminders.kinds.${rule.kind}`)}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{describeRule(rule, t, fieldLabel)}</Text>
      </Table.Td>
      <Table.Td>
        <Switch
          checked={rule.enabled}
          aria-label={t('settings.reminders.enabledFor', { name: rule.name })}
          onChange={(e) =>
            update.mutate(
              { rule, changes: { enabled: e.currentTarget.checked } },
              { onError: (err) => notifications.show({ color: 'red', message: isApiError(err) ? (err.problem?.detail ?? err.message) : t('common.networkError') }) },
            )
          }
        />
      </Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <Button size="xs" variant="light" leftSection={<IconEdit size={14} />} aria-label={`${t('common.edit')} ${rule.name}`} onClick={onEdit}>
            {t('common.edit')}
          </Button>
          <Button size="xs" variant="subtle" color="red" leftSection={<IconTrash size={14} />} aria-label={`${t('common.delete')} ${rule.name}`} onClick={onDelete}>
            {t('common.delete')}
          </Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/** Reminder rules (admins): follow-ups after silence, birthdays, dates like renewals; each makes tasks for the owner. */
export function ReminderRulesPanel() {
  const { t } = useTranslation();
  const rules = useReminderRules();
  const run = useRunReminders();
  const del = useDeleteReminderRule();
  const [editing, setEditing] = useState<{ rule?: ReminderRule } | null>(null);
  const [deleting, setDeleting] = useState<ReminderRule | null>(null);
  const list = rules.data ?? [];
  const newButton = (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({})}>
      {t('settings.reminders.new')}
    </Button>
  );

  let body;
  if (rules.isPending) body = <TableSkeleton rows={3} />;
  else if (rules.isError) body = <ProblemAlert error={rules.error} onRetry={() => void rules.refetch()} />;
  else if (list.length === 0) body = <EmptyState title={t('settings.reminders.emptyTitle')} description={t('settings.reminders.emptyBody')} action={newButton} />;
  else
    body = (
      <SettingsTable
        label={t('settings.reminders.title')}
        minWidth={760}
        columns={[t('settings.reminders.name'), t('settings.reminders.kind'), t('settings.reminders.when'), t('settings.reminders.enabled'), t('settings.actions')]}
      >
        {list.map((r) => (
          <RuleRow key={r.id} rule={r} onEdit={() => setEditing({ rule: r })} onDelete={() => setDeleting(r)} />
        ))}
      </SettingsTable>
    );

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Text c="dimmed" size="sm" maw={620}>
          {t('settings.reminders.subtitle')}
        </Text>
        <Group gap="xs">
          <Button
            variant="default"
            leftSection={<IconPlayerPlay size={16} />}
            loading={run.isPending}
            onClick={() =>
              run.mutate(undefined, {
                onSuccess: (r) => notifications.show({ color: 'green', message: t('settings.reminders.ran', { count: r.tasks_created }) }),
                onError: (e) => notifications.show({ color: 'red', message: isApiError(e) ? (e.problem?.detail ?? e.message) : t('common.networkError') }),
              })
            }
          >
            {t('settings.reminders.runNow')}
          </Button>
          {list.length > 0 && newButton}
        </Group>
      </Group>
      {body}
      {editing && <ReminderRuleModal key={editing.rule?.id ?? 'new'} rule={editing.rule} onClose={() => setEditing(null)} />}
      <ConfirmModal
        opened={deleting !== null}
        title={t('settings.reminders.deleteTitle')}
        body={t('settings.reminders.deleteBody', { name: deleting?.name ?? '' })}
        confirmLabel={t('common.delete')}
        loading={del.isPending}
        error={del.isError ? <ProblemAlert error={del.error} /> : undefined}
        onClose={() => {
          setDeleting(null);
          del.reset();
        }}
        onConfirm={() => deleting && del.mutate(deleting, { onSuccess: () => setDeleting(null) })}
      />
    </Stack>
  );
}
