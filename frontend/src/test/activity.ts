import type { components } from '@/api/schema.gen';
import { me } from './server';

type S = components['schemas'];

export const CUSTOMER_ID = '00000000-0000-7000-8000-0000000000a1';

export const rep: S['UserRead'] = {
  ...me,
  id: '00000000-0000-7000-8000-000000000002',
  email: 'ray@example.com',
  full_name: 'Ray Rep',
  role: 'sales',
};

export function makeTimelineItem(overrides: Partial<S['TimelineItem']> = {}): S['TimelineItem'] {
  return {
    kind: 'interaction',
    id: '00000000-0000-7000-8000-0000000001e1',
    at: '2026-03-02T09:00:00Z',
    title: 'Intro call',
    summary: 'Talked about the spring order.',
    actor_id: me.id,
    actor_name: me.full_name,
    record_type: 'customer',
    record_id: CUSTOMER_ID,
    data: { type: 'call', direction: 'outbound', duration_seconds: 600, outcome: 'Interested', attachments: 0 },
    ...overrides,
  };
}

export function makeInteraction(overrides: Partial<S['InteractionRead']> = {}): S['InteractionRead'] {
  return {
    id: '00000000-0000-7000-8000-0000000001f1',
    created_at: '2026-03-02T09:00:00Z',
    updated_at: '2026-03-02T09:00:00Z',
    version: 1,
    type: 'call',
    direction: 'outbound',
    occurred_at: '2026-03-02T09:00:00Z',
    duration_seconds: null,
    subject: 'Intro call',
    body: null,
    outcome: null,
    participants: [],
    customer_id: CUSTOMER_ID,
    lead_id: null,
    deal_id: null,
    owner_id: me.id,
    owner_name: me.full_name,
    message_id: null,
    attachments: [],
    deleted_at: null,
    ...overrides,
  };
}

export function makeTask(overrides: Partial<S['TaskRead']> = {}): S['TaskRead'] {
  return {
    id: '00000000-0000-7000-8000-0000000002a1',
    created_at: '2026-03-01T09:00:00Z',
    updated_at: '2026-03-01T09:00:00Z',
    version: 2,
    title: 'Send the quote',
    description: null,
    due_at: '2026-03-02T09:00:00Z',
    priority: 'normal',
    status: 'open',
    assignee_id: me.id,
    assignee_name: me.full_name,
    created_by_id: me.id,
    created_by_name: me.full_name,
    record_type: null,
    record_id: null,
    recurrence: 'none',
    previous_task_id: null,
    next_task_id: null,
    completed_at: null,
    source: 'manual',
    reminder_key: null,
    due_notified_at: null,
    deleted_at: null,
    ...overrides,
  };
}

export function makeNotification(overrides: Partial<S['NotificationRead']> = {}): S['NotificationRead'] {
  return {
    id: '00000000-0000-7000-8000-0000000003a1',
    kind: 'mention',
    title: 'Ray Rep mentioned you on Acme Corp',
    body: '@Ada Admin can you call them?',
    record_type: 'customer',
    record_id: CUSTOMER_ID,
    actor_id: rep.id,
    actor_name: rep.full_name,
    created_at: '2026-03-02T09:00:00Z',
    read_at: null,
    ...overrides,
  };
}
