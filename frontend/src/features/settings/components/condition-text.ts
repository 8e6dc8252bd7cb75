import type { TFunction } from 'i18next';
import { valuesFor } from '@/lib/leads';

export interface ConditionLike {
  field: string;
  op: string;
  value: string;
}

/** One value as people read it: enum values translated ("Referral"), others as typed. */
function valueText(field: string, v: string, t: TFunction): string {
  const choices = valuesFor(field);
  if (choices?.includes(v)) {
    if (field === 'source') return t(`leads.source.${v}`);
    if (field === 'status') return t(`leads.status.${v}`);
    if (field === 'email_kind') return t(`settings.conditions.emailKind.${v}`);
  }
  return v;
}

/** A condition in words: "Country is one of KR, JP", "Company size ≥ 50", "Campaign is empty". */
export function conditionText(c: ConditionLike, t: TFunction): string {
  const field = t(`settings.conditions.fields.${c.field}`, { defaultValue: c.field });
  if (c.op === 'isnull') return t(c.value === 'false' ? 'settings.conditions.notEmpty' : 'settings.conditions.empty', { field });
  const values =
    c.op === 'in' || c.op === 'nin'
      ? c.value
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean)
          .map((v) => valueText(c.field, v, t))
          .join(', ')
      : valueText(c.field, c.value, t);
  return `${field} ${t(`settings.conditions.ops.${c.op}`, { defaultValue: c.op })} ${values}`;
}
