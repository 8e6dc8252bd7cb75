import type { Schemas } from '@/api/client';

export type Notification = Schemas['NotificationRead'];
export type NotificationKind = Schemas['NotificationKind'];
