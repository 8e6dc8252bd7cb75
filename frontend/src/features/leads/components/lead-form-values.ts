import type { Lead, LeadCreate, LeadSource, LeadStatus, LeadUpdate } from '../api/types';

export interface ContactRow {
  label: string;
  value: string;
  primary: boolean;
}

export interface LeadFormValues {
  first_name: string;
  last_name: string;
  company_name: string;
  job_title: string;
  emails: ContactRow[];
  phones: ContactRow[];
  website: string;
  country: string;
  industry: string;
  company_size: number | string;
  source: LeadSource;
  campaign: string;
  /** Create only: new, contacted or qualified. */
  status: LeadStatus;
  owner_id: string | null;
  tags: string[];
  notes: string;
}

export const DEFAULT_LABEL = 'work';
const s = (v: string | null | undefined) => v ?? '';
const n = (v: string) => (v.trim() === '' ? null : v.trim());

export function toFormValues(lead?: Lead): LeadFormValues {
  const rows = (items: Lead['emails'] | undefined, fallback: string): ContactRow[] =>
    items && items.length > 0
      ? items.map((e) => ({ label: s(e.label), value: e.value, primary: Boolean(e.primary) }))
      : [{ label: fallback, value: '', primary: true }];
  return {
    first_name: s(lead?.first_name),
    last_name: s(lead?.last_name),
    company_name: s(lead?.company_name),
    job_title: s(lead?.job_title),
    emails: rows(lead?.emails, DEFAULT_LABEL),
    phones: rows(lead?.phones, DEFAULT_LABEL),
    website: s(lead?.website),
    country: s(lead?.country),
    industry: s(lead?.industry),
    company_size: lead?.company_size ?? '',
    source: lead?.source ?? 'other',
    campaign: s(lead?.campaign),
    status: lead?.status ?? 'new',
    owner_id: lead?.owner_id ?? null,
    tags: lead?.tags ?? [],
    notes: s(lead?.notes),
  };
}

function contactRows(rows: ContactRow[]) {
  const kept = rows.filter((r) => r.value.trim());
  const hasPrimary = kept.some((r) => r.primary);
  return kept.map((r, i) => ({ label: r.label.trim() || DEFAULT_LABEL, value: r.value.trim(), primary: hasPrimary ? r.primary : i === 0 }));
}

function size(v: number | string): number | null {
  if (v === '' || v === null || v === undefined) return null;
  const num = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(num) ? num : null;
}

/** The fields both create and update carry (empty strings become null). */
function common(v: LeadFormValues) {
  return {
    first_name: n(v.first_name),
    last_name: n(v.last_name),
    company_name: n(v.company_name),
    job_title: n(v.job_title),
    emails: contactRows(v.emails),
    phones: contactRows(v.phones),
    website: n(v.website),
    country: v.country.trim() ? v.country.trim().toUpperCase() : null,
    industry: n(v.industry),
    company_size: size(v.company_size),
    source: v.source,
    campaign: n(v.campaign),
    tags: v.tags,
    notes: n(v.notes),
  };
}

/** Create payload; without an owner the assignment rules pick one. */
export function toCreatePayload(v: LeadFormValues): LeadCreate {
  return { ...common(v), status: v.status, ...(v.owner_id ? { owner_id: v.owner_id } : {}) };
}

/** Only the keys whose value differs from the original (merge PATCH). */
export function toUpdatePayload(initial: LeadFormValues, v: LeadFormValues): LeadUpdate {
  const before = { ...common(initial), owner_id: initial.owner_id } as Record<string, unknown>;
  const after = { ...common(v), owner_id: v.owner_id } as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(after)) {
    if (JSON.stringify(before[k] ?? null) !== JSON.stringify(val ?? null)) out[k] = val;
  }
  return out as LeadUpdate;
}
