import { createHmac } from 'node:crypto';

import { identityKeys, normaliseName, normalisePhone } from './identity-keys';

const hmac = (text: string) => createHmac('sha256', 'k').update(text).digest('hex');

describe('blind-index keys of a victim', () => {
  it('reads a name the same whatever its accents, case, spaces and dashes', () => {
    expect(normaliseName("  Lefèvre-D'Aubigné ")).toBe('LEFEVREDAUBIGNE');
    expect(normaliseName('lefevre daubigne')).toBe('LEFEVREDAUBIGNE');
    expect(normaliseName('Œuvray')).toBe('OEUVRAY');
  });

  it('reads phones in E.164, national French and Belgian numbers included', () => {
    expect(normalisePhone('+33 6 12 34 56 78')).toBe('+33612345678');
    expect(normalisePhone('06.12.34.56.78', 'FR')).toBe('+33612345678');
    expect(normalisePhone('0033612345678')).toBe('+33612345678');
    expect(normalisePhone('0470 12 34 56', 'BE')).toBe('+32470123456');
    expect(normalisePhone('12345')).toBeNull();
  });

  it('gives the same keys for the same person written differently, other keys for another', () => {
    const a = identityKeys(
      { lastName: 'Martin', dateOfBirth: '1988-04-12', phone: '+33612345678' },
      hmac,
    );
    const b = identityKeys(
      { lastName: 'MARTÍN ', dateOfBirth: '1988-04-12', phone: '06 12 34 56 78', country: 'FR' },
      hmac,
    );
    expect(b).toEqual(a);
    expect(a.map((k) => k.kind)).toEqual(['name_birth', 'phone']);
    const other = identityKeys({ lastName: 'Martin', dateOfBirth: '1988-04-13' }, hmac);
    expect(other[0].digest).not.toBe(a[0].digest);
  });

  it('never holds the clear identity, and needs a date of birth to key a name', () => {
    const keys = identityKeys({ lastName: 'Martin', dateOfBirth: '1988-04-12' }, hmac);
    expect(JSON.stringify(keys)).not.toMatch(/MARTIN|Martin|1988/);
    expect(identityKeys({ lastName: 'Martin' }, hmac)).toEqual([]);
  });
});
