import { latestConsent } from './case-facts';
import { latestSharingConsent, newConsents, recordConsents } from './consents';

const tgd = { purpose: 'tgd_allocation' as const, given: true, recordedAt: '2026-11-20T10:00:00Z' };

describe('consent record', () => {
  it('keeps every earlier entry when another purpose is recorded', () => {
    const geo = {
      purpose: 'geolocation' as const,
      given: true,
      recordedAt: '2026-11-22T10:00:00Z',
    };
    const next = recordConsents([tgd], [geo], 'coord-1');
    expect(next).toEqual([tgd, { ...geo, recordedBy: 'coord-1' }]);
    expect(latestConsent({ lastName: 'X', consents: next }, 'tgd_allocation')?.given).toBe(true);
  });

  it('records a withdrawal as a later entry, which is then in force', () => {
    const withdrawn = { ...tgd, given: false, recordedAt: '2026-12-01T09:00:00Z' };
    const next = recordConsents([tgd], [withdrawn], 'coord-1');
    expect(next).toHaveLength(2);
    expect(latestConsent({ lastName: 'X', consents: next }, 'tgd_allocation')?.given).toBe(false);
  });

  it('does not record the same entry twice', () => {
    expect(
      recordConsents([tgd], [{ ...tgd, recordedAt: '2026-11-20T11:00:00+01:00' }], 'c'),
    ).toEqual([tgd]);
  });
});

describe('consent to share with a named partner', () => {
  const share = (recipient: string, given: boolean, recordedAt: string) => ({
    purpose: 'information_sharing' as const,
    given,
    recordedAt,
    recipient,
  });

  it('is withdrawn by a later entry for the same recipient only', () => {
    const history = recordConsents(
      [],
      [
        share('cidff-82', true, '2026-11-20T10:00:00Z'),
        share('cpas-liege', true, '2026-11-20T10:00:00Z'),
        share('cidff-82', false, '2026-11-22T10:00:00Z'),
      ],
      'c',
    );
    expect(history).toHaveLength(3);
    expect(latestSharingConsent(history, 'cidff-82')?.given).toBe(false);
    expect(latestSharingConsent(history, 'cpas-liege')?.given).toBe(true);
    expect(latestSharingConsent(history, 'other-org')).toBeUndefined();
  });

  it('tells which entries a write added', () => {
    const before = [tgd];
    const after = recordConsents(
      before,
      [share('cidff-82', true, '2026-11-21T10:00:00Z'), tgd],
      'c',
    );
    expect(newConsents(before, after)).toEqual([
      { ...share('cidff-82', true, '2026-11-21T10:00:00Z'), recordedBy: 'c' },
    ]);
  });
});
