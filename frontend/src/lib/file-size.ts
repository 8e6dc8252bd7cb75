import { useTranslation } from 'react-i18next';

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/** "820 bytes", "1.4 MB", "1.4MB" in the UI locale (decimal units, as Intl names them). */
export function formatFileSize(bytes: number, locale: string): string {
  let value = Math.max(0, bytes);
  let i = 0;
  while (value >= 1000 && i < UNITS.length - 1) {
    value /= 1000;
    i += 1;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: UNITS[i],
    unitDisplay: i === 0 ? 'long' : 'short',
    maximumFractionDigits: i === 0 || value >= 100 ? 0 : 1,
  }).format(value);
}

export function useFileSize(): (bytes: number) => string {
  const { i18n } = useTranslation();
  return (bytes: number) => formatFileSize(bytes, i18n.language);
}
