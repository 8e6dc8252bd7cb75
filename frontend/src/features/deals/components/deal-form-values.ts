import type { Deal, DealCreate, DealUpdate } from '../api/types';

export interface DealFormValues {
  name: string;
  customer_id: string | null;
  pipeline_id: string | null;
  stage_id: string | null;
  amount: string;
  currency: string;
  expected_close_date: string;
  probability_override: string;
  owner_id: string | null;
  source: string;
  next_step: string;
}

export function toFormValues(deal: Deal | undefined, defaults: Partial<DealFormValues> = {}): DealFormValues {
  return {
    name: deal?.name ?? '',
    customer_id: deal?.customer_id ?? null,
    pipeline_id: deal?.pipeline_id ?? null,
    stage_id: deal?.stage_id ?? null,
    amount: deal?.amount ?? '',
    currency: deal?.currency ?? '',
    expected_close_date: deal?.expected_close_date ?? '',
    probability_override: deal?.probability_override === null || deal?.probability_override === undefined ? '' : String(deal.probability_override),
    owner_id: deal?.owner_id ?? null,
    source: deal?.source ?? '',
    next_step: deal?.next_step ?? '',
    ...defaults,
  };
}

const orNull = (v: string) => (v.trim() ? v.trim() : null);

export function toCreatePayload(v: DealFormValues): DealCreate {
  const body: DealCreate = { name: v.name.trim(), customer_id: v.customer_id ?? '' };
  if (v.pipeline_id) body.pipeline_id = v.pipeline_id;
  if (v.stage_id) body.stage_id = v.stage_id;
  if (v.amount.trim()) body.amount = v.amount.trim();
  if (v.currency) body.currency = v.currency;
  if (v.expected_close_date) body.expected_close_date = v.expected_close_date;
  if (v.probability_override.trim()) body.probability_override = Number(v.probability_override);
  if (v.owner_id) body.owner_id = v.owner_id;
  if (v.source.trim()) body.source = v.source.trim();
  if (v.next_step.trim()) body.next_step = v.next_step.trim();
  return body;
}

/** Only the fields that changed (PATCH applies exclude_unset). */
export function toUpdatePayload(initial: DealFormValues, v: DealFormValues): DealUpdate {
  const out: Record<string, unknown> = {};
  if (v.name.trim() !== initial.name) out.name = v.name.trim();
  if (v.customer_id !== initial.customer_id && v.customer_id) out.customer_id = v.customer_id;
  if (v.amount.trim() !== initial.amount) out.amount = v.amount.trim() || '0';
  if (v.currency !== initial.currency && v.currency) out.currency = v.currency;
  if (v.expected_close_date !== initial.expected_close_date) out.expected_close_date = orNull(v.expected_close_date);
  if (v.probability_override.trim() !== initial.probability_override)
    out.probability_override = v.probability_override.trim() ? Number(v.probability_override) : null;
  if (v.owner_id !== initial.owner_id && v.owner_id) out.owner_id = v.owner_id;
  if (v.source.trim() !== initial.source) out.source = orNull(v.source);
  if (v.next_step.trim() !== initial.next_step) out.next_step = orNull(v.next_step);
  return out as DealUpdate;
}
