import { describe, expect, it } from 'vitest';
import { SseParser } from './sse';

const frame = (id: string, event: string, data: object) => `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

describe('SseParser', () => {
  it('reads id, event and JSON data of a frame', () => {
    const p = new SseParser();
    const [m] = p.push(frame('e1', 'customer.updated', { record_id: 'c1' }));
    expect(m).toEqual({ id: 'e1', event: 'customer.updated', data: '{"record_id":"c1"}' });
    expect(p.lastEventId).toBe('e1');
  });

  it('reassembles frames from chunks split mid-line and mid-CRLF', () => {
    const p = new SseParser();
    const text = 'retry: 3000\r\n: connected\r\n\r\nid: 7\r\nevent: lead.created\r\ndata: {"a":1}\r\n\r\nid: 8\r\ndata: x\r\n\r\n';
    const messages = [];
    // Every split point, one character at a time.
    for (const ch of text) messages.push(...p.push(ch));
    expect(messages).toEqual([
      { id: '7', event: 'lead.created', data: '{"a":1}' },
      { id: '8', event: 'message', data: 'x' },
    ]);
    expect(p.retry).toBe(3000);
  });

  it('splits a chunk in the middle of a field name and of the data', () => {
    const p = new SseParser();
    expect(p.push('id: 1\nev')).toEqual([]);
    expect(p.push('ent: deal.updated\ndata: {"re')).toEqual([]);
    expect(p.push('cord_id":"d1"}\n')).toEqual([]);
    expect(p.push('\n')).toEqual([{ id: '1', event: 'deal.updated', data: '{"record_id":"d1"}' }]);
  });

  it('joins multi-line data with newlines and keeps a value without the space', () => {
    const p = new SseParser();
    expect(p.push('data: first\ndata:second\ndata\n\n')).toEqual([{ id: '', event: 'message', data: 'first\nsecond\n' }]);
  });

  it('keeps the last id across frames and ignores comments and frames without data', () => {
    const p = new SseParser();
    expect(p.push(': keep-alive\n\nid: 42\n\n')).toEqual([]);
    expect(p.lastEventId).toBe('42');
    expect(p.push('event: task.created\ndata: {}\n\n')).toEqual([{ id: '42', event: 'task.created', data: '{}' }]);
  });

  it('passes a reset event through (it carries no id)', () => {
    const p = new SseParser();
    p.push(frame('e9', 'comment.created', {}));
    expect(p.push('event: reset\ndata: {}\n\n')).toEqual([{ id: 'e9', event: 'reset', data: '{}' }]);
  });

  it('handles lone CR line endings', () => {
    const p = new SseParser();
    expect(p.push('id: 3\revent: x\rdata: y\r\r')).toEqual([{ id: '3', event: 'x', data: 'y' }]);
  });

  it('forgets a half frame on reset and resumes from the last complete one', () => {
    const p = new SseParser();
    p.push(frame('e1', 'a', {}));
    p.push('id: e2\nevent: b\ndata: {"par');
    expect(p.lastEventId).toBe('e1');
    p.reset();
    expect(p.lastEventId).toBe('e1');
    expect(p.push(frame('e3', 'c', {}))).toEqual([{ id: 'e3', event: 'c', data: '{}' }]);
  });
});
