import { Alert, Badge, Button, Group, Modal, NumberInput, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconEdit, IconInfoCircle, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/api/errors';
import { ConfirmModal } from '@/components/ConfirmModal';
import { EmptyState } from '@/components/EmptyState';
import { ProblemAlert } from '@/components/ProblemAlert';
import { TableSkeleton } from '@/components/TableSkeleton';
import { locToPath } from '@/lib/form-errors';
import { signedPoints } from '@/lib/leads';
import type { ScoringRule } from '../api/types';
import { useScoringRules } from '../api/use-scoring-rules';
import { useCreateScoringRule, useDeleteScoringRule, useUpdateScoringRule } from '../api/use-save-scoring-rule';
import { blankCondition, conditionError, ConditionRow } from './ConditionBuilder';
import { conditionText, type ConditionLike } from './condition-text';
import { SettingsTable } from './SettingsTable';

function ScoringRuleModal({ rule, onClose }: { rule?: ScoringRule; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateScoringRule();
  const update = useUpdateScoringRule();
  const [name, setName] = useState(rule?.name ?? '');
  const [cond, setCond] = useState<ConditionLike>(rule ? { field: rule.field, op: rule.op, value: rule.value } : blankCondition('company_size'));
  const [points, setPoints] = useState<number | string>(rule?.points ?? 10);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const error = create.error ?? update.error;
  const serverErrors: Record<string, string> = {};
  if (isApiError(error, 422)) for (const e of error.fieldErrors) serverErrors[locToPath(e.loc)] = e.msg;
  const placed = ['name', 'field', 'op', 'value', 'points'];
  const unplaced = error && !Object.keys(serverErrors).some((k) => placed.includes(k));
  const err = (k: string) => errors[k] ?? serverErrors[k];

  return (
    <Modal opened onClose={onClose} title={rule ? t('settings.scoring.edit', { name: rule.name }) : t('settings.scoring.new')} centered size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const next: Record<string, string> = {};
          if (!name.trim()) next.name = t('settings.scoring.nameRequired');
          const ce = conditionError(cond, t);
          if (ce) next.value = ce;
          const p = Number(points);
          if (points === '' || !Number.isInteger(p) || p < -100 || p > 100) next.points = t('settings.scoring.pointsInvalid');
          setErrors(next);
          if (Object.keys(next).length > 0) return;
          const body = { name: name.trim(), field: cond.field, op: cond.op, value: cond.value.trim(), points: p };
          const done = () => {
            notifications.show({ color: 'green', message: t('settings.scoring.saved', { name: body.name }) });
            onClose();
          };
          if (rule) update.mutate({ id: rule.id, changes: body }, { onSuccess: done });
          else create.mutate({ ...body, active: true }, { onSuccess: done });
        }}
      >
        <Stack>
          {unplaced ? <ProblemAlert error={error} /> : null}
          <TextInput label={t('settings.scoring.name')} required data-autofocus value={name} onChange={(e) => setName(e.currentTarget.value)} error={err('name')} />
          <div>
            <Text size="sm" fw={500} mb={4}>
              {t('settings.scoring.when')}
            </Text>
            <ConditionRow value={cond} onChange={setCond} errors={{ field: err('field'), op: err('op'), value: err('value') }} />
          </div>
          <NumberInput
            label={t('settings.scoring.points')}
            description={t('settings.scoring.pointsHint')}
            min={-100}
            max={100}
            allowDecimal={false}
            value={points}
            onChange={setPoints}
            error={err('points')}
            w={200}
          />
          <Text size="sm" c="dimmed">
            {t('settings.scoring.preview', { text: conditionText(cond, t), points: signedPoints(Number(points) || 0) })}
          </Text>
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

/** Settings → Lead scoring: the rule points that make up every lead's rule score. */
export function ScoringRulesPanel() {
  const { t } = useTranslation();
  const rules = useScoringRules();
  const update = useUpdateScoringRule();
  const del = useDeleteScoringRule();
  const [editing, setEditing] = useState<{ rule?: ScoringRule } | null>(null);
  const [confirm, setConfirm] = useState<ScoringRule | null>(null);
  const list = rules.data ?? [];
  const newButton = (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({})}>
      {t('settings.scoring.new')}
    </Button>
  );

  let body;
  if (rules.isPending) body = <TableSkeleton rows={4} />;
  else if (rules.isError) body = <ProblemAlert error={rules.error} onRetry={() => void rules.refetch()} />;
  else if (list.length === 0) body = <EmptyState title={t('settings.scoring.emptyTitle')} description={t('settings.scoring.emptyBody')} action={newButton} />;
  else
    body = (
      <SettingsTable
        label={t('settings.scoring.title')}
        minWidth={720}
        columns={[t('settings.scoring.name'), t('settings.scoring.condition'), t('settings.scoring.points'), t('settings.scoring.active'), t('settings.actions')]}
      >
        {list.map((r) => (
          <Table.Tr key={r.id}>
            <Table.Td>
              <Text size="sm" fw={500} c={r.active ? undefined : 'dimmed'}>
                {r.name}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm" title={r.text}>
                {conditionText(r, t)}
              </Text>
            </Table.Td>
            <Table.Td>
              <Badge variant="light" color={r.points > 0 ? 'green' : r.points < 0 ? 'red' : 'gray'}>
                {signedPoints(r.points)}
              </Badge>
            </Table.Td>
            <Table.Td>
              <Switch
                checked={r.active}
                aria-label={t('settings.scoring.activeFor', { name: r.name })}
                onChange={(e) =>
                  update.mutate(
                    { id: r.id, changes: { active: e.currentTarget.checked } },
                    { onError: (err) => notifications.show({ color: 'red', message: isApiError(err) ? (err.problem?.detail ?? err.message) : t('common.networkError') }) },
                  )
                }
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
          {t('settings.scoring.subtitle')}
        </Text>
        {list.length > 0 && newButton}
      </Group>
      <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />}>
        {t('settings.scoring.rescoreNote')}
      </Alert>
      {body}
      {editing && <ScoringRuleModal key={editing.rule?.id ?? 'new'} rule={editing.rule} onClose={() => setEditing(null)} />}
      <ConfirmModal
        opened={confirm !== null}
        onClose={() => setConfirm(null)}
        title={t('settings.scoring.deleteTitle')}
        body={t('settings.scoring.deleteBody', { name: confirm?.name ?? '' })}
        confirmLabel={t('common.delete')}
        loading={del.isPending}
        error={del.isError ? <ProblemAlert error={del.error} /> : undefined}
        onConfirm={() =>
          confirm &&
          del.mutate(confirm.id, {
            onSuccess: () => {
              notifications.show({ color: 'green', message: t('settings.scoring.deleted', { name: confirm.name }) });
              setConfirm(null);
            },
          })
        }
      />
    </Stack>
  );
}
