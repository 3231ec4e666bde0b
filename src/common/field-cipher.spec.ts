import { randomBytes } from 'node:crypto';

import { FieldCipher } from './field-cipher';

describe('FieldCipher', () => {
  const cipher = new FieldCipher(randomBytes(32));
  const victim = { lastName: 'Martin', phone: '+33612345678' };

  it('opens what it sealed, for the same record and field', () => {
    const sealed = cipher.seal(victim, 'case-1:victim');
    expect(sealed).not.toContain('Martin');
    expect(cipher.open(sealed, 'case-1:victim')).toEqual(victim);
  });

  it('uses a fresh nonce each time, so equal values do not look equal', () => {
    expect(cipher.seal(victim, 'c:v')).not.toBe(cipher.seal(victim, 'c:v'));
  });

  it('refuses a value moved to another record or field', () => {
    const sealed = cipher.seal(victim, 'case-1:victim');
    expect(() => cipher.open(sealed, 'case-2:victim')).toThrow();
    expect(() => cipher.open(sealed, 'case-1:author')).toThrow();
  });

  it('refuses a tampered value and another key', () => {
    const sealed = cipher.seal(victim, 'c:v');
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3], 'base64');
    body[0] ^= 1;
    expect(() =>
      cipher.open([...parts.slice(0, 3), body.toString('base64')].join('.'), 'c:v'),
    ).toThrow();
    expect(() => new FieldCipher(randomBytes(32)).open(sealed, 'c:v')).toThrow();
    expect(() => cipher.open('garbage', 'c:v')).toThrow(/unrecognised/);
  });

  it('needs a 32-byte key', () => {
    expect(() => new FieldCipher(randomBytes(16))).toThrow(/32-byte/);
  });
});
