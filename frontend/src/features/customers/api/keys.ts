import type { CustomerListParams } from './types';

/** Query-key factory for everything customer-shaped. */
export const customerKeys = {
  all: ['customers'] as const,
  lists: () => [...customerKeys.all, 'list'] as const,
  list: (params: CustomerListParams) => [...customerKeys.lists(), params] as const,
  companySearch: (q: string) => [...customerKeys.all, 'company-search', q] as const,
  details: () => [...customerKeys.all, 'detail'] as const,
  detail: (id: string) => [...customerKeys.details(), id] as const,
  history: (id: string) => [...customerKeys.detail(id), 'history'] as const,
  people: (id: string) => [...customerKeys.detail(id), 'people'] as const,
  /** Under the shared ['deals'] root so that deal changes refresh it. */
  deals: (id: string) => ['deals', 'list', { customerId: id, from: 'customer' }] as const,
  users: () => ['users', 'list'] as const,
};
