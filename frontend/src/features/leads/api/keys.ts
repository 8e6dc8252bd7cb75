import type { LeadListParams } from './types';

/** Query-key factory for everything lead-shaped. */
export const leadKeys = {
  all: ['leads'] as const,
  lists: () => [...leadKeys.all, 'list'] as const,
  list: (params: LeadListParams) => [...leadKeys.lists(), params] as const,
  details: () => [...leadKeys.all, 'detail'] as const,
  detail: (id: string) => [...leadKeys.details(), id] as const,
  history: (id: string) => [...leadKeys.detail(id), 'history'] as const,
  conversion: (id: string) => [...leadKeys.detail(id), 'conversion'] as const,
  model: () => ['scoring', 'model'] as const,
  /** Shared with the customer screens' owner pickers. */
  users: () => ['users', 'list'] as const,
};
