import {
  ageOn,
  childrenOn,
  followUpFaults,
  legacyChildId,
  mergeChildren,
  withChildIds,
  workshopAgeRefusal,
} from './children';

const CASE = '6f1c2a8e-1111-4222-8333-444455556666';

describe('children as records of their own', () => {
  it('gives children recorded before ids a stable id, in order, losing none', () => {
    const old = [
      { age: 4, exposed: true, victim: false },
      { age: 9, exposed: true, victim: true },
    ];
    const once = withChildIds(CASE, old);
    expect(once).toHaveLength(2);
    expect(once.map((c) => c.age)).toEqual([4, 9]);
    expect(once[0].id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(once[0].id).not.toBe(once[1].id);
    expect(withChildIds(CASE, old)).toEqual(once);
    expect(legacyChildId('another-case', 0)).not.toBe(once[0].id);
    // An id already stored is kept.
    expect(withChildIds(CASE, [{ id: 'kept', age: 1, exposed: false, victim: false }])[0].id).toBe(
      'kept',
    );
  });

  it('keeps the follow-up of a child given with its id, and gives new children new ids', () => {
    const entry = { id: 'f1', kind: 'workshop' as const, recordedAt: 'x', recordedBy: 'y' };
    const current = [{ id: 'a', age: 7, exposed: true, victim: false, followUp: [entry] }];
    const merged = mergeChildren(
      current,
      [
        { id: 'a', age: 8, exposed: true, victim: false },
        { age: 2, exposed: true, victim: false },
      ],
      () => 'new',
      '2026-11-25',
    );
    expect(merged.faults).toEqual([]);
    expect(merged.dropped).toEqual([]);
    expect(merged.children).toEqual([
      {
        id: 'a',
        age: 8,
        ageGivenOn: '2026-11-25',
        exposed: true,
        victim: false,
        followUp: [entry],
      },
      {
        id: 'new',
        age: 2,
        ageGivenOn: '2026-11-25',
        exposed: true,
        victim: false,
        followUp: [],
      },
    ]);
  });

  it('refuses to drop a child with a follow-up, and an unknown id; drops one without', () => {
    const entry = { id: 'f1', kind: 'workshop' as const, recordedAt: 'x', recordedBy: 'y' };
    const current = [
      { id: 'a', age: 7, exposed: true, victim: false, followUp: [entry] },
      { id: 'b', age: 3, exposed: true, victim: false, followUp: [] },
    ];
    const merged = mergeChildren(
      current,
      [{ id: 'z', age: 1, exposed: false, victim: false }],
      () => 'n',
      '2026-11-25',
    );
    expect(merged.dropped).toEqual(['a']);
    expect(merged.faults).toEqual([
      { field: 'children.0.id', message: 'is not a child of this case' },
    ]);
  });

  it('asks each kind of follow-up for its own fields, and no date of the past in the future', () => {
    expect(followUpFaults({ kind: 'psychologist' }, '2026-11-25').map((f) => f.field)).toEqual([
      'partnerId',
      'firstAppointmentOn',
    ]);
    expect(
      followUpFaults(
        { kind: 'psychologist', partnerId: 'psy-82', firstAppointmentOn: '2026-12-02' },
        '2026-11-25',
      ),
    ).toEqual([]);
    expect(
      followUpFaults({ kind: 'workshop', attendedOn: '2026-12-02' }, '2026-11-25').map(
        (f) => f.field,
      ),
    ).toEqual(['attendedOn']);
    expect(
      followUpFaults(
        { kind: 'childrens_judge', referredOn: '2026-11-20', ongoing: true },
        '2026-11-25',
      ),
    ).toEqual([
      { field: 'referredBy', message: 'is required for a childrens_judge follow-up' },
      { field: 'ongoing', message: 'is not recorded for a childrens_judge follow-up' },
    ]);
  });

  it('grows an age by the whole years since it was given; children recorded before do not age', () => {
    const child = { age: 7, ageGivenOn: '2025-03-01' };
    expect(ageOn(child, '2025-03-01')).toBe(7);
    expect(ageOn(child, '2026-02-28')).toBe(7);
    expect(ageOn(child, '2026-03-01')).toBe(8);
    expect(ageOn(child, '2028-12-31')).toBe(10);
    expect(ageOn(child, '2024-01-01')).toBe(7); // before it was given: as given
    expect(ageOn({ age: 7 }, '2030-01-01')).toBe(7);
    expect(childrenOn([{ id: 'a', ...child, exposed: true, victim: false }], '2027-03-01')).toEqual(
      [{ id: 'a', age: 9, ageGivenOn: '2025-03-01', exposed: true, victim: false }],
    );
  });

  it('keeps the day an age was given when it is sent back as read today, and restarts it when changed', () => {
    const stored = [{ id: 'a', age: 7, ageGivenOn: '2025-03-01', exposed: true, victim: false }];
    const resend = (age: number) =>
      mergeChildren(
        stored,
        [{ id: 'a', age, exposed: true, victim: false }],
        () => 'n',
        '2026-11-25',
      ).children[0];
    // Read today it is 8: sent back as 8, nothing changes (a round trip never ages it twice).
    expect(resend(8)).toMatchObject({ age: 7, ageGivenOn: '2025-03-01' });
    // Corrected to 9: given today.
    expect(resend(9)).toMatchObject({ age: 9, ageGivenOn: '2026-11-25' });
  });

  it('refuses La cabane outside 5 to 10 years, saying the range', () => {
    expect(workshopAgeRefusal('la_cabane', 5)).toBeNull();
    expect(workshopAgeRefusal('la_cabane', 10)).toBeNull();
    expect(workshopAgeRefusal('la_cabane', 4)).toBe(
      'The child is 4: La cabane takes children aged 5 to 10.',
    );
    expect(workshopAgeRefusal('la_cabane', 11)).toContain('aged 5 to 10');
  });
});
