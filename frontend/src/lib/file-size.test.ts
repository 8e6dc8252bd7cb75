import { describe, expect, it } from 'vitest';
import { formatFileSize } from './file-size';

describe('formatFileSize', () => {
  it('uses Intl units in the locale', () => {
    expect(formatFileSize(820, 'en')).toBe('820 bytes');
    expect(formatFileSize(1_400_000, 'en')).toBe('1.4 MB');
    expect(formatFileSize(25_000_000, 'en')).toBe('25 MB');
    expect(formatFileSize(2048, 'ko')).toMatch(/^2 ?kB$/i);
    expect(formatFileSize(500, 'ko')).toBe('500바이트');
  });
});
