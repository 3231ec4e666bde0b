import { randomBytes } from 'node:crypto';

import { caseReference } from './case-reference';

describe('caseReference', () => {
  it('says where and when, with an unambiguous random suffix', () => {
    const reference = caseReference(
      'BE-ZP-5339',
      new Date('2026-03-01T00:00:00Z'),
      () => new Uint8Array([0, 1, 18, 21, 31, 32]),
    );
    expect(reference).toBe('BE-ZP-5339-2026-01JNZ0');
  });

  it('never uses I, L, O or U', () => {
    for (let i = 0; i < 200; i++) {
      expect(caseReference('FR-82', new Date(), randomBytes)).toMatch(
        /^FR-82-\d{4}-[0-9A-HJKMNP-TV-Z]{6}$/,
      );
    }
  });
});
