import { describe, expect, it } from 'vitest';
import { eventTouchesRecord, staleRootsFor, toLiveEvent, type LiveEvent } from './live';

const ev = (overrides: Partial<LiveEvent>): LiveEvent => ({
  id: 'e1',
  type: 'customer.updated',
  record_type: 'customer',
  record_id: 'c1',
  data: {},
  actor_id: 'u2',
  at: '2026-03-01T10:00:00Z',
  ...overrides,
});

describe('live events', () => {
  it('reads a frame into an event', () => {
    const e = toLiveEvent({
      id: 'e7',
      event: 'interaction.created',
      data: JSON.stringify({ type: 'interaction.created', record_type: 'interaction', record_id: 'i1', data: { customer_id: 'c1' }, actor_id: 'u1', at: 'x' }),
    });
    expect(e).toEqual({ id: 'e7', type: 'interaction.created', record_type: 'interaction', record_id: 'i1', data: { customer_id: 'c1' }, actor_id: 'u1', at: 'x' });
    expect(toLiveEvent({ id: '', event: 'message', data: 'not json' })).toBeNull();
    expect(toLiveEvent({ id: 'e8', event: 'reset', data: '{}' })?.type).toBe('reset');
  });

  it('maps events to the query roots they make stale', () => {
    expect(staleRootsFor(ev({ type: 'reset' }))).toBeNull();
    expect(staleRootsFor(ev({}))).toEqual([['customers'], ['deals'], ['timeline']]);
    expect(staleRootsFor(ev({ type: 'interaction.created', record_type: 'interaction' }))).toEqual([['timeline'], ['interactions']]);
    expect(staleRootsFor(ev({ type: 'notification.created', record_type: 'notification' }))).toEqual([['notifications']]);
    expect(staleRootsFor(ev({ type: 'task.completed', record_type: 'task' }))).toEqual([['tasks'], ['timeline']]);
    expect(staleRootsFor(ev({ type: 'something.else', record_type: 'unknown' }))).toEqual([]);
  });

  it('knows which events touch the record on screen', () => {
    expect(eventTouchesRecord(ev({}), 'customer', 'c1')).toBe(true);
    expect(eventTouchesRecord(ev({}), 'customer', 'c2')).toBe(false);
    const call = ev({ type: 'interaction.created', record_type: 'interaction', record_id: 'i1', data: { customer_id: 'c1', deal_id: 'd1' } });
    expect(eventTouchesRecord(call, 'customer', 'c1')).toBe(true);
    expect(eventTouchesRecord(call, 'deal', 'd1')).toBe(true);
    expect(eventTouchesRecord(call, 'lead', 'c1')).toBe(false);
    const comment = ev({ type: 'comment.created', record_type: 'comment', record_id: 'm1', data: { record_type: 'lead', record_id: 'l1' } });
    expect(eventTouchesRecord(comment, 'lead', 'l1')).toBe(true);
    const doc = ev({
      type: 'document.created',
      record_type: 'document',
      record_id: 'x1',
      data: { links: [{ record_type: 'deal', record_id: 'd1' }] },
    });
    expect(eventTouchesRecord(doc, 'deal', 'd1')).toBe(true);
    expect(eventTouchesRecord(doc, 'customer', 'd1')).toBe(false);
    expect(staleRootsFor(doc)).toEqual([['documents']]);
  });
});
