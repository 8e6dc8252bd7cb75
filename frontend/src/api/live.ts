import { toLiveEvent, type LiveEvent } from '@/lib/live';
import { SseParser } from '@/lib/sse';
import { apiFetch } from './client';
import { session } from './session';

type Listener = (ev: LiveEvent) => void;
const listeners = new Set<Listener>();

/** The tab's live events: every screen may listen; the one connection feeds it. */
export const liveEvents = {
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  emit(ev: LiveEvent): void {
    for (const l of [...listeners]) {
      try {
        l(ev);
      } catch (e) {
        console.error('live listener failed', e);
      }
    }
  },
};

export interface LiveOptions {
  /** First reconnection delay (ms), doubled after each failed attempt. */
  minDelay?: number;
  maxDelay?: number;
  /** Reconnect when nothing (not even a keep-alive) arrived for this long (ms). */
  idleTimeout?: number;
}

const DEFAULTS: Required<LiveOptions> = { minDelay: 1_000, maxDelay: 30_000, idleTimeout: 45_000 };

/**
 * One `GET /stream` read with fetch (EventSource cannot send the bearer token). After a drop it
 * reconnects with exponential backoff and jitter, resuming with `Last-Event-ID`; a 401 refreshes
 * the token (apiFetch). A 204 or a signed-out session stops it.
 */
export class LiveConnection {
  private readonly opts: Required<LiveOptions>;
  private readonly parser = new SseParser();
  private controller: AbortController | null = null;
  private running = false;
  private failures = 0;
  private connectedBefore = false;
  private wake: (() => void) | null = null;

  constructor(
    private readonly onEvent: (ev: LiveEvent) => void,
    options: LiveOptions = {},
  ) {
    this.opts = { ...DEFAULTS, ...options };
  }

  get lastEventId(): string {
    return this.parser.lastEventId;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.loop();
  }

  stop(): void {
    this.running = false;
    this.controller?.abort();
    this.wake?.();
  }

  private async loop(): Promise<void> {
    while (this.running) {
      if (!session.get()) {
        this.running = false;
        return;
      }
      const outcome = await this.connectOnce();
      if (outcome === 'stop' || !this.running) {
        this.running = false;
        return;
      }
      this.failures = outcome === 'healthy' ? 0 : this.failures + 1;
      const base = Math.max(this.parser.retry ?? 0, this.opts.minDelay);
      const delay = Math.min(this.opts.maxDelay, base * 2 ** Math.min(this.failures, 10));
      await this.sleep(delay * (0.75 + Math.random() * 0.5));
    }
  }

  /** 'healthy': it was open and delivered data before it ended; 'failed': it could not connect. */
  private async connectOnce(): Promise<'healthy' | 'failed' | 'stop'> {
    const controller = new AbortController();
    this.controller = controller;
    let idle: ReturnType<typeof setTimeout> | undefined;
    const watchdog = () => {
      clearTimeout(idle);
      idle = setTimeout(() => controller.abort(), this.opts.idleTimeout);
    };
    let delivered = false;
    try {
      const headers: Record<string, string> = { Accept: 'text/event-stream' };
      if (this.parser.lastEventId) headers['Last-Event-ID'] = this.parser.lastEventId;
      watchdog();
      const res = await apiFetch('/stream', { headers, signal: controller.signal, cache: 'no-store' });
      if (res.status === 204) return 'stop'; // the server asks not to reconnect
      if (!session.get()) return 'stop'; // the refresh failed: signed out
      if (!res.ok || !res.body) return 'failed';
      if (this.connectedBefore && !this.parser.lastEventId) {
        // Changes made while disconnected cannot be replayed without an id: reload what is shown.
        this.onEvent({ id: '', type: 'reset', record_type: null, record_id: null, data: {}, actor_id: null, at: new Date().toISOString() });
      }
      this.connectedBefore = true;
      this.parser.reset();
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      for (;;) {
        watchdog();
        const { value, done } = await reader.read();
        if (done) break;
        delivered = true;
        for (const message of this.parser.push(decoder.decode(value, { stream: true }))) {
          const ev = toLiveEvent(message);
          if (ev) this.onEvent(ev);
        }
      }
    } catch {
      // network error, abort (stop or idle timeout): reconnect unless stopped
    } finally {
      clearTimeout(idle);
      controller.abort();
      if (this.controller === controller) this.controller = null;
    }
    return delivered ? 'healthy' : 'failed';
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

let shared: LiveConnection | null = null;
let users = 0;

/** Start the tab's one connection (reference-counted); the returned function releases it. */
export function startLive(options?: LiveOptions): () => void {
  users++;
  if (!shared) shared = new LiveConnection((ev) => liveEvents.emit(ev), options);
  shared.start();
  let released = false;
  return () => {
    if (released) return;
    released = true;
    users--;
    if (users === 0 && shared) {
      shared.stop();
      shared = null;
    }
  };
}
