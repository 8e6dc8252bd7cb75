import type { SseMessage } from './sse';

/** One change announced on the live stream (`GET /stream`), or a `reset` (reload everything shown). */
export interface LiveEvent {
  /** The stream's event id (what `Last-Event-ID` resumes from). */
  id: string;
  /** `customer.updated`, `interaction.created`, `notification.created`, …, or `reset`. */
  type: string;
  record_type: string | null;
  record_id: string | null;
  data: Record<string, unknown>;
  actor_id: string | null;
  at: string;
}

/** A stream frame as a LiveEvent; null for frames that are not JSON objects. */
export function toLiveEvent(message: SseMessage): LiveEvent | null {
  if (message.event === 'reset') {
    return { id: message.id, type: 'reset', record_type: null, record_id: null, data: {}, actor_id: null, at: new Date().toISOString() };
  }
  let body: unknown;
  try {
    body = JSON.parse(message.data);
  } catch {
    return null;
  }
  if (!body || typeof body !== 'object') return null;
  const b = body as Partial<Record<keyof LiveEvent, unknown>>;
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    id: message.id,
    type: str(b.type) ?? message.event,
    record_type: str(b.record_type),
    record_id: str(b.record_id),
    data: b.data && typeof b.data === 'object' ? (b.data as Record<string, unknown>) : {},
    actor_id: str(b.actor_id),
    at: str(b.at) ?? new Date().toISOString(),
  };
}

/**
 * The query-key roots an event makes stale. Roots are the shared first elements of every
 * feature's key factory (['customers', ...], ['deals', ...], ['timeline', ...], ...); only the
 * queries on screen refetch, the rest are marked stale. `null` means everything (reset).
 */
export function staleRootsFor(ev: LiveEvent): string[][] | null {
  if (ev.type === 'reset') return null;
  const kind = ev.record_type ?? ev.type.split('.')[0] ?? '';
  switch (kind) {
    case 'customer':
      // Deal rows show customer names; timelines show field changes.
      return [['customers'], ['deals'], ['timeline']];
    case 'lead':
      // Converting a lead makes a customer and a deal.
      return ev.type === 'lead.converted' ? [['leads'], ['customers'], ['deals'], ['timeline']] : [['leads'], ['timeline']];
    case 'deal':
      return [['deals'], ['customers'], ['reports'], ['timeline']];
    case 'deal_line':
    case 'quote':
      return [['deals']];
    case 'interaction':
      return [['timeline'], ['interactions']];
    case 'comment':
      return [['timeline'], ['comments']];
    case 'task':
      return [['tasks'], ['timeline']];
    case 'document':
      return [['documents']];
    case 'notification':
      return [['notifications']];
    case 'user':
      return [['users']];
    case 'pipeline':
    case 'stage':
      return [['pipelines'], ['deals', 'board']];
    case 'lost_reason':
      return [['lost-reasons']];
    case 'product':
      return [['products']];
    case 'exchange_rate':
      return [['exchange-rates']];
    case 'reminder_rule':
      return [['reminder-rules']];
    default:
      return [];
  }
}

export type RecordType = 'customer' | 'lead' | 'deal';

/** Whether an event changed the record (or something shown on its page: interactions, comments, tasks). */
export function eventTouchesRecord(ev: LiveEvent, recordType: RecordType, recordId: string): boolean {
  if (ev.record_type === recordType && ev.record_id === recordId) return true;
  const d = ev.data;
  if (ev.record_type === 'interaction') return d[`${recordType}_id`] === recordId;
  if (ev.record_type === 'comment' || ev.record_type === 'task') return d.record_type === recordType && d.record_id === recordId;
  if (ev.record_type === 'document' && Array.isArray(d.links)) {
    return d.links.some((l: unknown) => {
      const link = l as { record_type?: unknown; record_id?: unknown };
      return link.record_type === recordType && link.record_id === recordId;
    });
  }
  return false;
}
