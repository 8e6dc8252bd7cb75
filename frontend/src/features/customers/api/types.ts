import type { Schemas } from '@/api/client';

export type Customer = Schemas['CustomerRead'];
export type Tombstone = Schemas['Tombstone'];

/** List pages may carry tombstones (sync clients); screens show live records only. */
export function isLiveCustomer(item: Customer | Tombstone): item is Customer {
  return 'type' in item;
}
export type CustomerCreate = Schemas['CustomerCreate'];
export type CustomerUpdate = Schemas['CustomerUpdate'];
export type CustomerType = Customer['type'];
export type LifecycleStage = NonNullable<Customer['lifecycle_stage']>;
export type HistoryEntry = Schemas['HistoryEntry'];
export type User = Schemas['UserRead'];

export const LIFECYCLE_STAGES: LifecycleStage[] = ['subscriber', 'lead', 'prospect', 'customer', 'evangelist', 'churned', 'other'];
export const SOCIAL_KEYS = ['linkedin', 'x', 'facebook', 'instagram', 'kakao', 'line', 'wechat', 'other'] as const;
export type SocialKey = (typeof SOCIAL_KEYS)[number];

export type CustomerSort = 'name' | '-name' | 'created_at' | '-created_at' | 'updated_at' | '-updated_at';

export interface CustomerListParams {
  q?: string;
  type?: CustomerType;
  tag?: string;
  ownerId?: string;
  companyId?: string;
  /** Omitted with q: the server then ranks by relevance. */
  sort?: CustomerSort;
  limit?: number;
  includeTotal?: boolean;
}
