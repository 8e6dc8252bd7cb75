import { useTranslation } from 'react-i18next';

/**
 * Money is a decimal string plus an ISO 4217 currency ("12500.00", "KRW"). Formatting hands the
 * string straight to Intl (which keeps its exact digits); arithmetic, when the screen needs any,
 * goes through integer minor units — never floats.
 */
export function formatMoney(amount: string | null | undefined, currency: string | null | undefined, locale: string): string {
  if (amount === null || amount === undefined || amount === '') return '';
  if (!currency) return new Intl.NumberFormat(locale).format(amount as Intl.StringNumericLiteral);
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount as Intl.StringNumericLiteral);
  } catch {
    return `${amount} ${currency}`;
  }
}

/** Compact form for board headers (₩1.2M / ₩120만). */
export function formatMoneyCompact(amount: string | null | undefined, currency: string | null | undefined, locale: string): string {
  if (amount === null || amount === undefined || amount === '') return '';
  try {
    return new Intl.NumberFormat(locale, {
      style: currency ? 'currency' : 'decimal',
      currency: currency ?? undefined,
      notation: 'compact',
      maximumFractionDigits: 1,
    }).format(amount as Intl.StringNumericLiteral);
  } catch {
    return formatMoney(amount, currency, locale);
  }
}

const SCALE = 2;

/** "12.5" -> 1250n (minor units at 2 decimals); throws on anything that is not a plain decimal. */
export function toMinor(amount: string): bigint {
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  if (!m) throw new Error(`Not a decimal: ${amount}`);
  const frac = (m[3] ?? '').padEnd(SCALE, '0').slice(0, SCALE);
  const v = BigInt(m[2] ?? '0') * 100n + BigInt(frac || '0');
  return m[1] ? -v : v;
}

export function fromMinor(v: bigint): string {
  const neg = v < 0n;
  const abs = neg ? -v : v;
  const whole = abs / 100n;
  const frac = (abs % 100n).toString().padStart(SCALE, '0');
  return `${neg ? '-' : ''}${whole}.${frac}`;
}

/** Exact sum / difference of decimal strings. */
export function addMoney(a: string, b: string): string {
  return fromMinor(toMinor(a) + toMinor(b));
}
export function subtractMoney(a: string, b: string): string {
  return fromMinor(toMinor(a) - toMinor(b));
}

export function isDecimal(v: string): boolean {
  return /^-?\d+(\.\d{1,2})?$/.test(v.trim());
}

export function useMoney() {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  return {
    money: (amount: string | null | undefined, currency: string | null | undefined) => formatMoney(amount, currency, locale),
    compact: (amount: string | null | undefined, currency: string | null | undefined) => formatMoneyCompact(amount, currency, locale),
  };
}

/** Common ISO 4217 codes for currency pickers (the server accepts any valid code). */
export const COMMON_CURRENCIES = ['KRW', 'USD', 'EUR', 'JPY', 'CNY', 'GBP', 'SGD', 'HKD', 'AUD', 'CAD', 'VND', 'THB', 'TWD', 'INR'];
