import { MAX_DEPTH, tamed, unsafeInput } from './unsafe-input';

describe('unsafe input', () => {
  it('accepts ordinary JSON, with tabs and new lines in text', () => {
    expect(unsafeInput({ a: [1, 'x\ty\nz', { b: null }], c: true })).toEqual([]);
  });

  it('names control characters in values and keys', () => {
    expect(unsafeInput({ victim: { lastName: 'Mar\u0000tin' } })).toEqual([
      {
        field: 'victim.lastName',
        pointer: '/victim/lastName',
        message: 'contains a control character',
      },
    ]);
    expect(unsafeInput({ ['a\u0001']: 1 })[0].message).toMatch(/control character in its key/);
    expect(unsafeInput('x\u0000', 'query.status')[0].field).toBe('query.status');
  });

  it('names prototype keys, nested too', () => {
    const body = JSON.parse('{"a":{"__proto__":{"admin":true}},"constructor":{"prototype":1}}');
    expect(
      unsafeInput(body)
        .map((e) => e.field)
        .sort(),
    ).toEqual(['a.__proto__', 'constructor']);
  });

  it('refuses deep nesting without overflowing its own stack', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(unsafeInput(deep)).toEqual([
      expect.objectContaining({ message: `is nested more than ${MAX_DEPTH} levels deep` }),
    ]);
  });

  it('makes a storable copy of anything', () => {
    let deep: unknown = 'end';
    for (let i = 0; i < 1000; i++) deep = { d: deep };
    expect(() => JSON.stringify(tamed(deep))).not.toThrow();
    expect(tamed(JSON.parse('{"__proto__":1,"e\\u0000":"x\\u0000"}'))).toEqual({
      '[__proto__]': 1,
      'e\uFFFD': 'x\uFFFD',
    });
  });
});
