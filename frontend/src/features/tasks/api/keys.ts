import type { RecordRef, TaskView } from './types';

/** Query-key factory for tasks (the live stream makes the ['tasks'] root stale). */
export const taskKeys = {
  all: ['tasks'] as const,
  views: () => [...taskKeys.all, 'view'] as const,
  view: (view: TaskView, tz: string) => [...taskKeys.views(), view, tz] as const,
  overdueCount: (tz: string) => [...taskKeys.all, 'overdue-count', tz] as const,
  reminders: (params: { assigneeId: string; from: string; to: string }) => [...taskKeys.all, 'reminders', params] as const,
  /** Shared with the record pages' detail queries (same keys): names come from their cache. */
  record: (ref: RecordRef) => [`${ref.type}s`, 'detail', ref.id] as const,
};
