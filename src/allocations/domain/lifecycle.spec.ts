import {
  addMonths,
  assignmentRefusal,
  decisionRefusal,
  endRefusal,
  renewalRefusal,
} from './lifecycle';

describe('allocation lifecycle', () => {
  const now = new Date('2026-11-24T09:00:00Z');

  it('decides a pending request once', () => {
    expect(decisionRefusal('pending')).toBeNull();
    expect(decisionRefusal('approved')?.detail).toMatch(/already approved/);
    expect(decisionRefusal('approved')?.code).toBe('tgd-request.already-decided');
    expect(decisionRefusal('rejected')?.detail).toMatch(/already rejected/);
  });

  it('renews an active allocation before its end only', () => {
    expect(renewalRefusal('active', new Date('2027-05-24T09:00:00Z'), now)).toBeNull();
    expect(renewalRefusal('ended', new Date('2027-05-24T09:00:00Z'), now)?.code).toBe(
      'allocation.ended',
    );
    expect(renewalRefusal('active', now, now)?.detail).toMatch(/period is over/);
  });

  it('ends once, and assigns devices to active allocations only', () => {
    expect(endRefusal('active')).toBeNull();
    expect(endRefusal('ended')?.detail).toMatch(/already ended/);
    expect(assignmentRefusal('active')).toBeNull();
    expect(assignmentRefusal('ended')?.detail).toMatch(/ended/);
  });

  it.each([
    ['2026-11-24T09:00:00Z', 6, '2027-05-24T09:00:00.000Z'],
    ['2026-08-31T22:00:00Z', 6, '2027-02-28T22:00:00.000Z'],
    ['2027-08-31T22:00:00Z', 6, '2028-02-29T22:00:00.000Z'],
    ['2026-01-31T10:00:00Z', 1, '2026-02-28T10:00:00.000Z'],
    ['2026-12-15T10:00:00Z', 12, '2027-12-15T10:00:00.000Z'],
  ])('adds months to %s (+%i) → %s, clamped to the end of the month', (from, months, expected) => {
    expect(addMonths(new Date(from), months).toISOString()).toBe(expected);
  });
});
