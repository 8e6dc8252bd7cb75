import type { BoardParams, DealListParams } from './types';

/** Query-key factory for everything deal-shaped. */
export const dealKeys = {
  all: ['deals'] as const,
  lists: () => [...dealKeys.all, 'list'] as const,
  list: (params: DealListParams) => [...dealKeys.lists(), params] as const,
  boards: () => [...dealKeys.all, 'board'] as const,
  board: (params: BoardParams) => [...dealKeys.boards(), params] as const,
  details: () => [...dealKeys.all, 'detail'] as const,
  detail: (id: string) => [...dealKeys.details(), id] as const,
  history: (id: string) => [...dealKeys.detail(id), 'history'] as const,
  stageHistory: (id: string) => [...dealKeys.detail(id), 'stage-history'] as const,
  lines: (id: string) => [...dealKeys.detail(id), 'lines'] as const,
  quotes: (id: string) => [...dealKeys.detail(id), 'quotes'] as const,
  productSearch: (q: string) => ['products', 'picker', q] as const,
  customerSearch: (q: string) => ['customers', 'deal-picker', q] as const,
  customer: (id: string) => ['customers', 'detail', id] as const,
  users: () => ['users', 'list'] as const,
  lostReasonsReport: (params: { pipelineId?: string; from?: string; to?: string }) => ['reports', 'lost-reasons', params] as const,
};
