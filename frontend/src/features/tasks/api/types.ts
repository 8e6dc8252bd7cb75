import type { Schemas } from '@/api/client';

export type Task = Schemas['TaskRead'];
export type Tombstone = Schemas['Tombstone'];
export type TaskCreate = Schemas['TaskCreate'];
export type TaskUpdate = Schemas['TaskUpdate'];
export type TaskView = Schemas['TaskView'];
export type TaskPriority = Schemas['TaskPriority'];

export const TASK_VIEWS: TaskView[] = ['overdue', 'today', 'upcoming'];

/** List pages may carry tombstones (sync clients); screens show live tasks only. */
export function isLiveTask(item: Task | Tombstone): item is Task {
  return 'title' in item;
}

export interface RecordRef {
  type: 'customer' | 'lead' | 'deal';
  id: string;
}

export function recordRefOf(task: Task): RecordRef | null {
  const type = task.record_type;
  if (!task.record_id || (type !== 'customer' && type !== 'lead' && type !== 'deal')) return null;
  return { type, id: task.record_id };
}
