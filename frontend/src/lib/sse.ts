/**
 * An incremental parser for server-sent events (the `text/event-stream` format of the HTML
 * standard). EventSource cannot send an Authorization header, so the live stream is read with
 * fetch() and its chunks are fed here: chunks may split a line (or a CRLF) anywhere.
 */
export interface SseMessage {
  /** The `event:` field; "message" when the frame had none. */
  event: string;
  /** The `data:` lines joined with "\n". */
  data: string;
  /** The last event id seen so far (ids persist across frames, as in EventSource). */
  id: string;
}

export class SseParser {
  /** The id to resume from (`Last-Event-ID`). */
  lastEventId = '';
  /** The reconnection delay the server asked for with `retry:`, in ms. */
  retry: number | undefined;

  private buffer = '';
  private pendingCR = false;
  /** The `id:` of the frame being read; committed when the frame ends. */
  private idBuffer = '';
  private event = '';
  private data: string[] = [];
  private hasData = false;

  /** Feed a decoded chunk; returns the messages it completed. */
  push(chunk: string): SseMessage[] {
    const out: SseMessage[] = [];
    let text = chunk;
    // A CR at the end of the previous chunk may be the first half of a CRLF.
    if (this.pendingCR && text.startsWith('\n')) text = text.slice(1);
    this.pendingCR = false;
    this.buffer += text;
    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const c = this.buffer[i];
      if (c !== '\n' && c !== '\r') continue;
      const line = this.buffer.slice(start, i);
      if (c === '\r') {
        if (i + 1 < this.buffer.length) {
          if (this.buffer[i + 1] === '\n') i++;
        } else {
          this.pendingCR = true;
        }
      }
      start = i + 1;
      const message = this.line(line);
      if (message) out.push(message);
    }
    this.buffer = this.buffer.slice(start);
    return out;
  }

  /** Forget a half-read frame (after a dropped connection); the last id is kept. */
  reset(): void {
    this.idBuffer = this.lastEventId;
    this.buffer = '';
    this.pendingCR = false;
    this.event = '';
    this.data = [];
    this.hasData = false;
  }

  private line(line: string): SseMessage | null {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return null; // a comment (keep-alive)
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        this.event = value;
        break;
      case 'data':
        this.data.push(value);
        this.hasData = true;
        break;
      case 'id':
        if (!value.includes('\0')) this.idBuffer = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.retry = Number(value);
        break;
      default:
        break; // unknown fields are ignored
    }
    return null;
  }

  private dispatch(): SseMessage | null {
    // As in EventSource: a frame's id counts once the frame is complete, even without data.
    this.lastEventId = this.idBuffer;
    const message = this.hasData ? { event: this.event || 'message', data: this.data.join('\n'), id: this.lastEventId } : null;
    this.event = '';
    this.data = [];
    this.hasData = false;
    return message;
  }
}
