import { describe, expect, it } from 'vitest';
import { addMoney, formatMoney, subtractMoney, toMinor } from './money';

describe('money', () => {
  it('formats decimal strings per locale and currency', () => {
    expect(formatMoney('12500.00', 'USD', 'en')).toBe('$12,500.00');
    expect(formatMoney('12500.00', 'KRW', 'en')).toBe('₩12,500');
    expect(formatMoney('12500.00', 'KRW', 'ko')).toBe('₩12,500');
    expect(formatMoney('1234.50', 'EUR', 'ko')).toBe('€1,234.50');
    expect(formatMoney('1234.50', 'USD', 'ko')).toBe('US$1,234.50');
  });

  it('keeps every digit of large amounts (no float rounding)', () => {
    expect(formatMoney('9007199254740993.01', 'USD', 'en')).toBe('$9,007,199,254,740,993.01');
  });

  it('adds and subtracts exactly', () => {
    expect(addMoney('0.10', '0.20')).toBe('0.30');
    expect(subtractMoney('100.00', '0.01')).toBe('99.99');
    expect(toMinor('12.5')).toBe(1250n);
  });
});
