import { MultiSelect, NumberInput, Select, Switch, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomFieldDefinition } from '@/hooks/use-custom-field-definitions';
import type { CustomFieldFormValue } from './custom-field-values';

interface Props {
  def: CustomFieldDefinition;
  value: CustomFieldFormValue;
  onChange: (value: CustomFieldFormValue) => void;
  error?: ReactNode;
}

/** One input per custom field definition, chosen by its type. */
export function CustomFieldInput({ def, value, onChange, error }: Props) {
  const { t } = useTranslation();
  const common = { label: def.label, required: def.required, error, 'data-field-key': def.key };
  const text = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  switch (def.type) {
    case 'number':
      return (
        <NumberInput
          {...common}
          value={text}
          onChange={(v) => onChange(String(v))}
          allowDecimal
          decimalSeparator="."
        />
      );
    case 'date':
      return <TextInput {...common} type="date" w={220} value={text} onChange={(e) => onChange(e.currentTarget.value)} />;
    case 'boolean':
      return (
        <Switch
          {...common}
          label={def.required ? `${def.label} *` : def.label}
          mt="xs"
          checked={value === true}
          onChange={(e) => onChange(e.currentTarget.checked)}
        />
      );
    case 'select':
      return (
        <Select
          {...common}
          clearable
          searchable
          data={def.options ?? []}
          value={typeof value === 'string' && value ? value : null}
          onChange={(v) => onChange(v)}
          placeholder={t('customers.customFields.choose')}
        />
      );
    case 'multiselect':
      return (
        <MultiSelect
          {...common}
          clearable
          searchable
          data={def.options ?? []}
          value={Array.isArray(value) ? value : []}
          onChange={(v) => onChange(v)}
          placeholder={t('customers.customFields.chooseMany')}
        />
      );
    case 'url':
      return (
        <TextInput {...common} type="url" placeholder="https://" value={text} onChange={(e) => onChange(e.currentTarget.value)} />
      );
    case 'email':
      return <TextInput {...common} type="email" value={text} onChange={(e) => onChange(e.currentTarget.value)} />;
    default:
      return <TextInput {...common} value={text} onChange={(e) => onChange(e.currentTarget.value)} />;
  }
}
