import { useTranslation } from 'react-i18next';

/** Format dates with Intl in the active UI locale. */
export function formatDateTime(value: string | null | undefined, locale: string): string {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

export function formatDate(value: string | null | undefined, locale: string): string {
  if (!value) return '';
  // Plain dates (YYYY-MM-DD) are calendar dates: format them in UTC so they never shift a day.
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: /^\d{4}-\d{2}-\d{2}$/.test(value) ? 'UTC' : undefined }).format(d);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "5 minutes ago", "in 2 days", "now" in the UI locale. */
export function formatRelative(value: string | null | undefined, locale: string, now: number = Date.now()): string {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const diff = d.getTime() - now;
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms) return rtf.format(Math.round(diff / ms), unit);
  }
  return rtf.format(0, 'second');
}

export function useFormatters() {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  return {
    locale,
    shortDate: (v: string | null | undefined) => {
      if (!v) return '';
      const d = new Date(v);
      return Number.isNaN(d.getTime()) ? v : new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(d);
    },
    dateTime: (v: string | null | undefined) => formatDateTime(v, locale),
    date: (v: string | null | undefined) => formatDate(v, locale),
    number: (n: number) => new Intl.NumberFormat(locale).format(n),
    relative: (v: string | null | undefined) => formatRelative(v, locale),
    time: (v: string | null | undefined) => {
      if (!v) return '';
      const d = new Date(v);
      return Number.isNaN(d.getTime()) ? v : new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(d);
    },
  };
}
