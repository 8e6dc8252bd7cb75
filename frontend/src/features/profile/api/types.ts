import type { Schemas } from '@/api/client';

export type Preferences = Schemas['PreferencesRead'];
export type NotificationKind = Schemas['NotificationKind'];
export type CalendarFeed = Schemas['CalendarFeedRead'];

export const NOTIFICATION_KINDS: NotificationKind[] = ['mention', 'reminder', 'assignment', 'task', 'system'];
