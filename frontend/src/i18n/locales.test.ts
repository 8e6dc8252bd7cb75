import { describe, expect, it } from 'vitest';
import en from './locales/en.json';
import ko from './locales/ko.json';

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe('locales', () => {
  it('ko has exactly the keys of en', () => {
    expect(keys(ko).sort()).toEqual(keys(en).sort());
  });
});
