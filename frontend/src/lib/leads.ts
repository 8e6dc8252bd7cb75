import type { Schemas } from '@/api/client';

/** Lead enums and rule vocabularies shared by the leads screens and the lead settings. */
export type LeadSource = Schemas['LeadSource'];
export type LeadStatus = Schemas['LeadStatus'];
export type FormFieldName = Schemas['FormFieldName'];

export const LEAD_SOURCES: LeadSource[] = ['web_form', 'api', 'import', 'partner', 'referral', 'event', 'ads', 'email', 'phone', 'social', 'other'];
export const LEAD_STATUSES: LeadStatus[] = ['new', 'contacted', 'qualified', 'unqualified', 'converted'];
/** Statuses a rep still works on: the default of "My queue". */
export const OPEN_LEAD_STATUSES: LeadStatus[] = ['new', 'contacted', 'qualified'];

export const FORM_FIELD_NAMES: FormFieldName[] = [
  'first_name',
  'last_name',
  'email',
  'phone',
  'company_name',
  'job_title',
  'website',
  'country',
  'industry',
  'company_size',
  'message',
];

/** Lead fields a scoring or assignment rule may test (the backend's condition vocabulary). */
export const CONDITION_FIELDS = [
  'source',
  'status',
  'country',
  'industry',
  'company_size',
  'job_title',
  'campaign',
  'company_name',
  'email',
  'email_domain',
  'email_kind',
  'phone',
  'website',
  'submission_count',
  'tags',
] as const;
export type ConditionField = (typeof CONDITION_FIELDS)[number];
export const CONDITION_OPS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'nin', 'contains', 'isnull'] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];

const NUMERIC: ReadonlySet<string> = new Set(['company_size', 'submission_count']);
const ENUM_VALUES: Partial<Record<ConditionField, readonly string[]>> = {
  source: LEAD_SOURCES,
  status: LEAD_STATUSES,
  email_kind: ['free', 'business', 'none'],
};

export function isConditionField(v: string): v is ConditionField {
  return (CONDITION_FIELDS as readonly string[]).includes(v);
}

/** The operators that make sense for a field (the server rejects the others with a 422). */
export function opsFor(field: string): ConditionOp[] {
  if (field === 'tags') return ['contains', 'isnull'];
  if (field === 'submission_count') return ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'nin'];
  if (NUMERIC.has(field)) return ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'nin', 'isnull'];
  if (field in ENUM_VALUES) return ['eq', 'ne', 'in', 'nin'];
  return ['eq', 'ne', 'in', 'nin', 'contains', 'isnull'];
}

/** Fixed choices for enum-like fields (source, status, email kind); undefined for free text. */
export function valuesFor(field: string): readonly string[] | undefined {
  return isConditionField(field) ? ENUM_VALUES[field] : undefined;
}

export function isNumericField(field: string): boolean {
  return NUMERIC.has(field);
}

/** Points as people read them: "+20", "−10", "0". */
export function signedPoints(points: number): string {
  if (points > 0) return `+${points}`;
  if (points < 0) return `\u2212${Math.abs(points)}`;
  return '0';
}

/** Score colour bands used by every score badge. */
export function scoreColor(score: number): string {
  if (score >= 70) return 'green';
  if (score >= 40) return 'yellow';
  return 'gray';
}
