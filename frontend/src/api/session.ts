/** Token storage. Tokens live in localStorage so a session survives a reload. */
export interface TokenPairLike {
  access_token: string;
  refresh_token: string;
}

const KEY = 'crm.session';
type Listener = () => void;
const listeners = new Set<Listener>();

function read(): TokenPairLike | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<TokenPairLike>;
    if (typeof parsed.access_token === 'string' && typeof parsed.refresh_token === 'string') {
      return { access_token: parsed.access_token, refresh_token: parsed.refresh_token };
    }
  } catch {
    /* corrupt entry: treat as logged out */
  }
  return null;
}

let current: TokenPairLike | null = read();

export const session = {
  get(): TokenPairLike | null {
    return current;
  },
  set(pair: TokenPairLike): void {
    current = { access_token: pair.access_token, refresh_token: pair.refresh_token };
    localStorage.setItem(KEY, JSON.stringify(current));
    listeners.forEach((l) => l());
  },
  clear(): void {
    current = null;
    localStorage.removeItem(KEY);
    listeners.forEach((l) => l());
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** Re-read storage (tests, other tabs). */
  reload(): void {
    current = read();
    listeners.forEach((l) => l());
  },
};

if (typeof window !== 'undefined') {
  window.addEventListener('storage', (e) => {
    if (e.key === KEY) session.reload();
  });
}
