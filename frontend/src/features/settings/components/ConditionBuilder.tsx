import { ActionIcon, Button, Group, MultiSelect, Select, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { CONDITION_FIELDS, isNumericField, opsFor, valuesFor } from '@/lib/leads';
import type { ConditionLike } from './condition-text';

const COMBO = { withinPortal: true, zIndex: 1000 } as const;

function choiceLabel(field: string, v: string, t: TFunction): string {
  if (field === 'source') return t(`leads.source.${v}`);
  if (field === 'status') return t(`leads.status.${v}`);
  if (field === 'email_kind') return t(`settings.conditions.emailKind.${v}`);
  return v;
}

/** Client check of a condition's value, like the server's list-filter parsing. */
export function conditionError(c: ConditionLike, t: TFunction): string | null {
  if (c.op === 'isnull') return c.value === 'true' || c.value === 'false' ? null : t('settings.conditions.valueRequired');
  const parts = c.op === 'in' || c.op === 'nin' ? c.value.split(',').map((v) => v.trim()).filter(Boolean) : [c.value.trim()];
  if (parts.length === 0 || parts.some((p) => !p)) return t('settings.conditions.valueRequired');
  if (isNumericField(c.field) && parts.some((p) => !/^-?\d+$/.test(p))) return t('settings.conditions.wholeNumber');
  if (c.field === 'country' && parts.some((p) => !/^[A-Za-z]{2}$/.test(p))) return t('settings.conditions.countryCode');
  return null;
}

/** A fresh condition for a field: its first allowed operator and an empty (or "is empty") value. */
export function blankCondition(field = 'country'): ConditionLike {
  const op = opsFor(field)[0] ?? 'eq';
  return { field, op, value: op === 'isnull' ? 'true' : '' };
}

interface RowProps {
  value: ConditionLike;
  onChange: (c: ConditionLike) => void;
  /** Errors for the field, op and value inputs (client or server). */
  errors?: { field?: string; op?: string; value?: string };
  /** Prefix for accessible names when several rows are shown ("Condition 2"). */
  index?: number;
}

/** field select · operator select · value input, with the value widget fitting the field and operator. */
export function ConditionRow({ value: c, onChange, errors, index }: RowProps) {
  const { t } = useTranslation();
  const suffix = index === undefined ? '' : ` ${index + 1}`;
  const choices = valuesFor(c.field);
  const multi = c.op === 'in' || c.op === 'nin';
  const valueLabel = t('settings.conditions.value');
  const common = { label: valueLabel, 'aria-label': `${valueLabel}${suffix}`, error: errors?.value, style: { flex: 2, minWidth: 160 } };

  let valueInput;
  if (c.op === 'isnull') {
    valueInput = (
      <Select
        {...common}
        data={[
          { value: 'true', label: t('settings.conditions.isEmpty') },
          { value: 'false', label: t('settings.conditions.isNotEmpty') },
        ]}
        value={c.value === 'false' ? 'false' : 'true'}
        onChange={(v) => onChange({ ...c, value: v ?? 'true' })}
        allowDeselect={false}
        comboboxProps={COMBO}
      />
    );
  } else if (choices && multi) {
    valueInput = (
      <MultiSelect
        {...common}
        data={choices.map((v) => ({ value: v, label: choiceLabel(c.field, v, t) }))}
        value={c.value.split(',').filter(Boolean)}
        onChange={(v) => onChange({ ...c, value: v.join(',') })}
        comboboxProps={COMBO}
      />
    );
  } else if (choices) {
    valueInput = (
      <Select
        {...common}
        data={choices.map((v) => ({ value: v, label: choiceLabel(c.field, v, t) }))}
        value={c.value || null}
        onChange={(v) => onChange({ ...c, value: v ?? '' })}
        comboboxProps={COMBO}
      />
    );
  } else if (multi) {
    valueInput = (
      <TagsInput
        {...common}
        placeholder={t('settings.conditions.listPlaceholder')}
        value={c.value.split(',').map((v) => v.trim()).filter(Boolean)}
        onChange={(v) => onChange({ ...c, value: v.map((x) => x.trim()).filter(Boolean).join(',') })}
        comboboxProps={COMBO}
      />
    );
  } else {
    valueInput = (
      <TextInput
        {...common}
        inputMode={isNumericField(c.field) ? 'numeric' : undefined}
        placeholder={c.field === 'country' ? 'KR' : undefined}
        value={c.value}
        onChange={(e) => onChange({ ...c, value: e.currentTarget.value })}
      />
    );
  }

  const fieldLabel = t('settings.conditions.field');
  const opLabel = t('settings.conditions.op');
  return (
    <Group align="flex-start" gap="xs" wrap="wrap" style={{ flex: 1 }}>
      <Select
        label={fieldLabel}
        aria-label={`${fieldLabel}${suffix}`}
        data={CONDITION_FIELDS.map((f) => ({ value: f, label: t(`settings.conditions.fields.${f}`) }))}
        value={c.field}
        onChange={(f) => {
          if (!f) return;
          const ops = opsFor(f);
          const op = ops.includes(c.op as never) ? c.op : (ops[0] ?? 'eq');
          onChange({ field: f, op, value: op === 'isnull' ? 'true' : '' });
        }}
        allowDeselect={false}
        searchable
        error={errors?.field}
        w={180}
        comboboxProps={COMBO}
      />
      <Select
        label={opLabel}
        aria-label={`${opLabel}${suffix}`}
        data={opsFor(c.field).map((op) => ({ value: op, label: t(`settings.conditions.opNames.${op}`) }))}
        value={c.op}
        onChange={(op) => {
          if (!op) return;
          const wasMulti = c.op === 'in' || c.op === 'nin';
          const isMulti = op === 'in' || op === 'nin';
          const value = op === 'isnull' ? 'true' : c.op === 'isnull' ? '' : wasMulti && !isMulti ? (c.value.split(',')[0] ?? '') : c.value;
          onChange({ ...c, op, value });
        }}
        allowDeselect={false}
        error={errors?.op}
        w={160}
        comboboxProps={COMBO}
      />
      {valueInput}
    </Group>
  );
}

interface BuilderProps {
  value: ConditionLike[];
  onChange: (next: ConditionLike[]) => void;
  /** Errors keyed by `<index>.field|op|value`. */
  errors?: Record<string, string | undefined>;
}

/** A list of conditions that must all match; none means "every lead". */
export function ConditionBuilder({ value, onChange, errors = {} }: BuilderProps) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      {value.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('settings.conditions.none')}
        </Text>
      )}
      {value.map((c, i) => (
        <Group key={i} align="flex-start" wrap="nowrap" gap="xs" data-testid="condition-row">
          <ConditionRow
            index={i}
            value={c}
            onChange={(next) => onChange(value.map((x, j) => (j === i ? next : x)))}
            errors={{ field: errors[`${i}.field`], op: errors[`${i}.op`], value: errors[`${i}.value`] }}
          />
          <ActionIcon
            mt={28}
            variant="subtle"
            color="red"
            aria-label={t('settings.conditions.remove', { n: i + 1 })}
            onClick={() => onChange(value.filter((_, j) => j !== i))}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => onChange([...value, blankCondition()])}>
          {t('settings.conditions.add')}
        </Button>
      </Group>
    </Stack>
  );
}
