import { intakeFault } from './intake';

const now = new Date('2026-11-25T10:00:00Z');

describe('intake of a case', () => {
  it('names the referring partner with partner_referral, and only then', () => {
    expect(intakeFault({ channel: 'partner_referral' }, now)?.field).toBe('partnerId');
    expect(intakeFault({ channel: 'partner_referral', partnerId: 'cidff-82' }, now)).toBeNull();
    expect(intakeFault({ channel: 'hotline_24_7', partnerId: 'cidff-82' }, now)?.field).toBe(
      'partnerId',
    );
  });

  it('is not received in the future', () => {
    expect(
      intakeFault({ channel: 'complaint', receivedAt: '2026-11-26T10:00:00Z' }, now)?.field,
    ).toBe('receivedAt');
    expect(
      intakeFault({ channel: 'complaint', receivedAt: '2026-11-24T22:00:00Z' }, now),
    ).toBeNull();
  });
});
