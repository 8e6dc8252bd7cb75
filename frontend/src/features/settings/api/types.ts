import type { Schemas } from '@/api/client';

export type User = Schemas['UserRead'];
export type UserCreate = Schemas['UserCreate'];
export type UserUpdate = Schemas['UserUpdate'];
export type Role = Schemas['Role'];
export type UserLocale = NonNullable<UserCreate['locale']>;
export type CustomField = Schemas['CustomFieldRead'];
export type CustomFieldCreate = Schemas['CustomFieldCreate'];
export type CustomFieldUpdate = Schemas['CustomFieldUpdate'];
export type FieldType = Schemas['FieldType'];
export type AccessPolicy = Schemas['AccessPolicyRead'];
export type AccessLevel = Schemas['Level'];
export type ApiKey = Schemas['ApiKeyRead'];
export type ApiKeyCreated = Schemas['ApiKeyCreated'];
export type ApiKeyCreate = Schemas['ApiKeyCreate'];
export type Scope = Schemas['Scope'];

export const ROLES: Role[] = ['admin', 'manager', 'sales', 'marketing', 'support', 'viewer'];
export const USER_LOCALES: UserLocale[] = ['en', 'ko'];
export const FIELD_TYPES: FieldType[] = ['text', 'number', 'date', 'boolean', 'select', 'multiselect', 'url', 'email'];
export const ACCESS_LEVELS: AccessLevel[] = ['private', 'read', 'read_write'];
/** Every scope the API accepts (the `Scope` enum of the document). */
export const SCOPES: Scope[] = [
  'customers:read',
  'customers:write',
  'custom_fields:read',
  'custom_fields:write',
  'users:read',
  'users:write',
  'access_policies:read',
  'access_policies:write',
  'trash:read',
  'trash:write',
  'pipelines:read',
  'pipelines:write',
  'deals:read',
  'deals:write',
  'lost_reasons:read',
  'lost_reasons:write',
  'exchange_rates:read',
  'exchange_rates:write',
  'reports:read',
  'reports:write',
  'products:read',
  'products:write',
  'quotes:read',
  'quotes:write',
  'leads:read',
  'leads:write',
  'scoring:read',
  'scoring:write',
  'assignment_rules:read',
  'assignment_rules:write',
  'web_forms:read',
  'web_forms:write',
];
export const CUSTOM_FIELD_KEY_RE = /^[a-z][a-z0-9_]{0,63}$/;
export const hasOptions = (type: FieldType) => type === 'select' || type === 'multiselect';
export type { Pipeline, Stage, StageKind } from '@/hooks/use-pipelines';
export type { LostReason } from '@/hooks/use-lost-reasons';
export type PipelineCreate = Schemas['PipelineCreate'];
export type PipelineUpdate = Schemas['PipelineUpdate'];
export type StageCreate = Schemas['StageCreate'];
export type StageUpdate = Schemas['StageUpdate'];
export type LostReasonCreate = Schemas['LostReasonCreate'];
export type LostReasonUpdate = Schemas['LostReasonUpdate'];
export type ExchangeRate = Schemas['ExchangeRateRead'];
export type ExchangeRateCreate = Schemas['ExchangeRateCreate'];
export type ExchangeRateUpdate = Schemas['ExchangeRateUpdate'];
/** A positive decimal string as the API takes rates ("1350.25"). */
export const RATE_RE = /^\d+(\.\d{1,10})?$/;
export const STAGE_KINDS = ['open', 'won', 'lost'] as const;
export type Product = Schemas['ProductRead'];
export type ProductCreate = Schemas['ProductCreate'];
export type ProductUpdate = Schemas['ProductUpdate'];
export type WebForm = Schemas['WebFormRead'];
export type WebFormCreate = Schemas['WebFormCreate'];
export type WebFormUpdate = Schemas['WebFormUpdate'];
export type FormField = Schemas['FormField'];
export type ScoringRule = Schemas['ScoringRuleRead'];
export type ScoringRuleCreate = Schemas['ScoringRuleCreate'];
export type ScoringRuleUpdate = Schemas['ScoringRuleUpdate'];
export type AssignmentRule = Schemas['AssignmentRuleRead'];
export type AssignmentRuleCreate = Schemas['AssignmentRuleCreate'];
export type AssignmentRuleUpdate = Schemas['AssignmentRuleUpdate'];
export type Condition = Schemas['Condition'];
export type ReminderRule = Schemas['ReminderRuleRead'];
export type ReminderRuleCreate = Schemas['ReminderRuleCreate'];
export type ReminderRuleUpdate = Schemas['ReminderRuleUpdate'];
export type ReminderKind = Schemas['ReminderKind'];
export type ReminderObject = Schemas['ReminderObject'];
export const REMINDER_KINDS: ReminderKind[] = ['followup', 'birthday', 'date_field'];
/** Built-in date columns a date_field rule can watch (custom date fields are added from their definitions). */
export const REMINDER_DATE_FIELDS: Record<ReminderObject, string[]> = { deal: ['expected_close_date'], customer: ['birthday'] };
export type Mail = Schemas['MailRead'];
export type MailStatus = Schemas['MailStatus'];
export const MAIL_STATUSES: MailStatus[] = ['queued', 'sent', 'stored', 'failed'];
