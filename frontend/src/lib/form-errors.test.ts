import { describe, expect, it } from 'vitest';
import { hasPath, locToPath, mapFieldErrors } from './form-errors';

describe('form-errors', () => {
  it('turns loc into a dotted path', () => {
    expect(locToPath(['body', 'emails', 0, 'value'])).toBe('emails.0.value');
    expect(locToPath(['body', 'first_name'])).toBe('first_name');
  });
  it('splits known and unknown fields', () => {
    const values = { emails: [{ value: 'x' }], first_name: '' };
    const r = mapFieldErrors(
      [
        { loc: ['body', 'emails', 0, 'value'], msg: 'bad' },
        { loc: ['query', 'limit'], msg: 'too big' },
      ],
      (p) => hasPath(values, p),
    );
    expect(r.fields).toEqual({ 'emails.0.value': 'bad' });
    expect(r.general).toEqual(['query.limit: too big']);
  });
});
