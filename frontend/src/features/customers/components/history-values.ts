import type { TFunction } from 'i18next';

/** Render a history old/new value in words: lists joined, enums translated, owner ids named. */
export function formatHistoryValue(
  field: string | null,
  v: unknown,
  t: TFunction,
  userName: (id: string) => string | undefined,
): string {
  const none = t('common.none');
  if (v === null || v === undefined || v === '') return none;
  if (field === 'type' && typeof v === 'string') return t(`customers.type.${v}`, { defaultValue: v });
  if (field === 'lifecycle_stage' && typeof v === 'string') return t(`customers.stage.${v}`, { defaultValue: v });
  if (field === 'owner_id' && typeof v === 'string') return userName(v) ?? v;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) {
    if (v.length === 0) return none;
    return v.map((item) => formatItem(item)).join(', ');
  }
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== null && x !== '');
    return entries.length === 0 ? none : entries.map(([k, x]) => `${k}: ${formatItem(x)}`).join(', ');
  }
  return JSON.stringify(v);
}

function formatItem(item: unknown): string {
  if (item === null || item === undefined) return '';
  if (typeof item !== 'object') return String(item);
  const o = item as Record<string, unknown>;
  if (typeof o.value === 'string') return o.label ? `${o.value} (${String(o.label)})` : o.value;
  const parts = ['street', 'city', 'region', 'postal_code', 'country'].map((k) => o[k]).filter((x) => typeof x === 'string' && x);
  if (parts.length > 0) return parts.join(' ');
  return JSON.stringify(item);
}
