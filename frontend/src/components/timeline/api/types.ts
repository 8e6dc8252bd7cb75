import type { Schemas } from '@/api/client';

export type { RecordType } from '@/lib/live';
export type TimelineItem = Schemas['TimelineItem'];
export type TimelinePage = Schemas['Page_TimelineItem_'];
export type InteractionType = Schemas['InteractionType'];
export type InteractionCreate = Schemas['InteractionCreate'];
export type Interaction = Schemas['InteractionRead'];
export type EmailLogged = Schemas['EmailLogged'];
export type Comment = Schemas['CommentRead'];
export type TaskCreate = Schemas['TaskCreate'];

export const TIMELINE_KINDS = ['interaction', 'comment', 'task', 'stage_change', 'field_change'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export const INTERACTION_TYPES: InteractionType[] = ['call', 'meeting', 'note', 'email', 'visit', 'sms', 'chat', 'video'];
/** Types with a direction (who reached out). */
export const DIRECTED_TYPES: InteractionType[] = ['call', 'email', 'sms', 'chat', 'video'];
