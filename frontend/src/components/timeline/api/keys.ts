import type { RecordType } from '@/lib/live';

/** Query keys of the record timelines (the live stream makes the ['timeline'] root stale). */
export const timelineKeys = {
  all: ['timeline'] as const,
  record: (recordType: RecordType, recordId: string) => [...timelineKeys.all, recordType, recordId] as const,
  list: (recordType: RecordType, recordId: string, kinds: string) => [...timelineKeys.record(recordType, recordId), { kinds }] as const,
  /** My day and the nav badge list tasks under ['tasks']. */
  tasks: ['tasks'] as const,
};
