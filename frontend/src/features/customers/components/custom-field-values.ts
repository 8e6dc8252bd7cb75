import type { CustomFieldDefinition } from '@/hooks/use-custom-field-definitions';

/** A custom field's value while editing: text-like types are strings, booleans tri-state, multiselect a list. */
export type CustomFieldFormValue = string | number | boolean | string[] | null;
export type CustomFieldFormValues = Record<string, CustomFieldFormValue>;
/** What the API stores / accepts for one key (null clears it). */
export type CustomFieldApiValue = string | boolean | string[] | null;

export function emptyCustomValue(def: CustomFieldDefinition): CustomFieldFormValue {
  switch (def.type) {
    case 'boolean':
    case 'select':
      return null;
    case 'multiselect':
      return [];
    default:
      return '';
  }
}

/** Form values for every definition, from a record's stored `custom_fields`. */
export function toCustomFormValues(defs: CustomFieldDefinition[], stored: Record<string, unknown> | undefined): CustomFieldFormValues {
  const out: CustomFieldFormValues = {};
  for (const def of defs) {
    const v = stored?.[def.key];
    if (v === undefined || v === null) {
      out[def.key] = emptyCustomValue(def);
      continue;
    }
    switch (def.type) {
      case 'boolean':
        out[def.key] = typeof v === 'boolean' ? v : null;
        break;
      case 'multiselect':
        out[def.key] = Array.isArray(v) ? v.map(String) : [String(v)];
        break;
      case 'select':
        out[def.key] = String(v);
        break;
      default:
        out[def.key] = typeof v === 'string' ? v : String(v);
    }
  }
  return out;
}

/** Normalise one form value for the API; empty becomes null. */
export function toCustomApiValue(def: CustomFieldDefinition, v: CustomFieldFormValue | undefined): CustomFieldApiValue {
  if (v === undefined || v === null) return null;
  switch (def.type) {
    case 'boolean':
      return typeof v === 'boolean' ? v : null;
    case 'multiselect':
      return Array.isArray(v) && v.length > 0 ? v : null;
    case 'number': {
      const s = String(v).trim();
      return s === '' ? null : s;
    }
    default: {
      const s = Array.isArray(v) ? v.join(',') : String(v).trim();
      return s === '' ? null : s;
    }
  }
}

/** Create payload: only the keys that have a value. */
export function customCreatePayload(defs: CustomFieldDefinition[], values: CustomFieldFormValues): Record<string, CustomFieldApiValue> {
  const out: Record<string, CustomFieldApiValue> = {};
  for (const def of defs) {
    const v = toCustomApiValue(def, values[def.key]);
    if (v !== null) out[def.key] = v;
  }
  return out;
}

/** Update payload: only changed keys; a cleared value is sent as null (the server merges). */
export function customUpdatePayload(
  defs: CustomFieldDefinition[],
  initial: CustomFieldFormValues,
  values: CustomFieldFormValues,
): Record<string, CustomFieldApiValue> {
  const out: Record<string, CustomFieldApiValue> = {};
  for (const def of defs) {
    const before = toCustomApiValue(def, initial[def.key]);
    const after = toCustomApiValue(def, values[def.key]);
    if (JSON.stringify(before) !== JSON.stringify(after)) out[def.key] = after;
  }
  return out;
}
