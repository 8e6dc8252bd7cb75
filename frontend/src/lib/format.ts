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
  };
}
