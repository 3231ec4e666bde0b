import {
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
    );
    expect(merged.faults).toEqual([]);
    expect(merged.dropped).toEqual([]);
    expect(merged.children).toEqual([
      { id: 'a', age: 8, exposed: true, victim: false, followUp: [entry] },
      { id: 'new', age: 2, exposed: true, victim: false, followUp: [] },
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

  it('refuses La cabane outside 5 to 10 years, saying the range', () => {
    expect(workshopAgeRefusal('la_cabane', 5)).toBeNull();
    expect(workshopAgeRefusal('la_cabane', 10)).toBeNull();
    expect(workshopAgeRefusal('la_cabane', 4)).toBe(
      'The child is 4: La cabane takes children aged 5 to 10.',
    );
    expect(workshopAgeRefusal('la_cabane', 11)).toContain('aged 5 to 10');
  });
});
