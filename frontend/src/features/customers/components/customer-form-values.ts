import type { Customer, CustomerCreate, CustomerType, CustomerUpdate, LifecycleStage, SocialKey } from '../api/types';
import { SOCIAL_KEYS } from '../api/types';
import type { CustomFieldDefinition } from '@/hooks/use-custom-field-definitions';
import { customCreatePayload, customUpdatePayload, toCustomFormValues, type CustomFieldFormValues } from './custom-field-values';

export interface ContactRow {
  label: string;
  value: string;
  primary: boolean;
}
export interface AddressRow {
  label: string;
  street: string;
  city: string;
  region: string;
  postal_code: string;
  country: string;
}
export interface CustomerFormValues {
  type: CustomerType;
  name: string;
  first_name: string;
  last_name: string;
  company_id: string | null;
  job_title: string;
  emails: ContactRow[];
  phones: ContactRow[];
  addresses: AddressRow[];
  website: string;
  industry: string;
  social_profiles: Record<SocialKey, string>;
  birthday: string;
  tags: string[];
  owner_id: string | null;
  lifecycle_stage: LifecycleStage | null;
  notes: string;
  /** One entry per definition, keyed by the definition's key. */
  custom_fields: CustomFieldFormValues;
}

/** The API's default label for emails, phones and addresses. */
export const DEFAULT_LABEL = 'work';

const s = (v: string | null | undefined) => v ?? '';
const n = (v: string) => (v.trim() === '' ? null : v.trim());

export function emptySocial(): Record<SocialKey, string> {
  return Object.fromEntries(SOCIAL_KEYS.map((k) => [k, ''])) as Record<SocialKey, string>;
}

export function toFormValues(
  c?: Customer,
  defaults?: Partial<CustomerFormValues>,
  defs: CustomFieldDefinition[] = [],
): CustomerFormValues {
  const social = emptySocial();
  for (const k of SOCIAL_KEYS) social[k] = s(c?.social_profiles?.[k]);
  return {
    type: c?.type ?? defaults?.type ?? 'company',
    name: c?.type === 'company' ? s(c.name) : '',
    first_name: s(c?.first_name),
    last_name: s(c?.last_name),
    company_id: c?.company_id ?? defaults?.company_id ?? null,
    job_title: s(c?.job_title),
    emails: (c?.emails ?? []).map((e) => ({ label: s(e.label), value: e.value, primary: Boolean(e.primary) })),
    phones: (c?.phones ?? []).map((p) => ({ label: s(p.label), value: p.value, primary: Boolean(p.primary) })),
    addresses: (c?.addresses ?? []).map((a) => ({
      label: s(a.label),
      street: s(a.street),
      city: s(a.city),
      region: s(a.region),
      postal_code: s(a.postal_code),
      country: s(a.country),
    })),
    website: s(c?.website),
    industry: s(c?.industry),
    social_profiles: social,
    birthday: s(c?.birthday),
    tags: c?.tags ?? [],
    owner_id: c?.owner_id ?? defaults?.owner_id ?? null,
    lifecycle_stage: c?.lifecycle_stage ?? null,
    notes: s(c?.notes),
    custom_fields: toCustomFormValues(defs, c?.custom_fields),
  };
}

/** Full create payload for the chosen type (empty strings become null / are dropped). */
export function toCreatePayload(v: CustomerFormValues, defs: CustomFieldDefinition[] = []): CustomerCreate {
  const social: Partial<Record<SocialKey, string>> = {};
  for (const k of SOCIAL_KEYS) {
    const val = v.social_profiles[k].trim();
    if (val) social[k] = val;
  }
  const customValues = customCreatePayload(defs, v.custom_fields);
  const custom = Object.keys(customValues).length > 0 ? { custom_fields: customValues } : {};
  const common = {
    emails: v.emails
      .filter((e) => e.value.trim())
      .map((e) => ({ label: e.label.trim() || DEFAULT_LABEL, value: e.value.trim(), primary: e.primary })),
    phones: v.phones
      .filter((p) => p.value.trim())
      .map((p) => ({ label: p.label.trim() || DEFAULT_LABEL, value: p.value.trim(), primary: p.primary })),
    addresses: v.addresses
      .filter((a) => [a.street, a.city, a.region, a.postal_code, a.country].some((x) => x.trim()))
      .map((a) => ({
        label: a.label.trim() || DEFAULT_LABEL,
        street: n(a.street),
        city: n(a.city),
        region: n(a.region),
        postal_code: n(a.postal_code),
        country: n(a.country.toUpperCase()),
      })),
    social_profiles: social,
    tags: v.tags,
    owner_id: v.owner_id,
    notes: n(v.notes),
    ...(v.lifecycle_stage ? { lifecycle_stage: v.lifecycle_stage } : {}),
    ...custom,
  };
  if (v.type === 'company') {
    return { type: 'company', name: v.name.trim(), website: n(v.website), industry: n(v.industry), ...common };
  }
  return {
    type: 'person',
    first_name: n(v.first_name),
    last_name: n(v.last_name),
    company_id: v.company_id,
    job_title: n(v.job_title),
    birthday: n(v.birthday),
    ...common,
  };
}

/** Only the keys whose value differs from the original (merge PATCH); custom fields per key, null clears. */
export function toUpdatePayload(initial: CustomerFormValues, v: CustomerFormValues, defs: CustomFieldDefinition[] = []): CustomerUpdate {
  const before = toCreatePayload(initial) as Record<string, unknown>;
  const after = toCreatePayload(v) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(after)) {
    if (JSON.stringify(before[k] ?? null) !== JSON.stringify(val ?? null)) out[k] = val;
  }
  const custom = customUpdatePayload(defs, initial.custom_fields, v.custom_fields);
  if (Object.keys(custom).length > 0) out.custom_fields = custom;
  return out as CustomerUpdate;
}
