/** Local date-time helpers for `<input type="datetime-local">` and the browser's time zone. */

const pad = (n: number) => String(n).padStart(2, '0');

/** The browser's IANA time zone (what the task views take as `tz`). */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** A Date as the value of a datetime-local input ("2026-03-01T14:30"), in local time. */
export function toLocalInput(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value as an RFC 3339 instant (with zone); null when empty or invalid. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** Midnight today (local) plus `days`. */
export function startOfLocalDay(days = 0, now: Date = new Date()): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + days);
}

/** 9:00 local on the day `days` from today. */
export function morningOf(days: number, now: Date = new Date()): Date {
  const d = startOfLocalDay(days, now);
  d.setHours(9);
  return d;
}
