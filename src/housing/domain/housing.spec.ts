import {
  allocationRefusal,
  endOf,
  monthsBetween,
  nightsPerMonth,
  nightsPerYear,
  nightsUsed,
  peakUsage,
  type PlaceFacts,
  usageOf,
  usageOn,
  waitingOrder,
} from './housing';

const flat: PlaceFacts = { active: true, capacity: 1, capacityUnit: 'rooms', nightsPerYear: null };
const shelter: PlaceFacts = {
  active: true,
  capacity: 6,
  capacityUnit: 'beds',
  nightsPerYear: null,
};
const none = new Map<number, number>();

describe('emergency housing domain', () => {
  it('counts nights as the mornings after the first one', () => {
    expect(endOf('2026-12-30', 3)).toBe('2027-01-02');
    expect(nightsUsed('2026-11-20', '2026-11-25')).toBe(5);
    expect(nightsUsed('2026-11-20', '2026-11-18')).toBe(0);
  });

  it('takes a room per household, or a bed for her and each child', () => {
    expect(usageOf('rooms', 2)).toBe(1);
    expect(usageOf('beds', 2)).toBe(3);
  });

  it('finds the busiest night of a range, a stay ending the morning another begins not overlapping', () => {
    const stays = [
      { from: '2026-11-01', until: '2026-11-05', usage: 2 },
      { from: '2026-11-04', until: '2026-11-08', usage: 3 },
    ];
    expect(peakUsage(stays, '2026-11-01', '2026-11-10')).toBe(5);
    expect(peakUsage(stays, '2026-11-05', '2026-11-10')).toBe(3);
    expect(peakUsage(stays, '2026-11-08', '2026-11-10')).toBe(0);
    expect(usageOn(stays, '2026-11-04')).toBe(5);
  });

  it('refuses a full flat, and allows it from the morning the stay ends', () => {
    const stays = [{ from: '2026-11-01', until: '2026-11-08', usage: 1 }];
    expect(
      allocationRefusal(flat, stays, { from: '2026-11-07', nights: 2, children: 2 }, none)?.code,
    ).toBe('housing-place.full');
    expect(
      allocationRefusal(flat, stays, { from: '2026-11-08', nights: 2, children: 2 }, none),
    ).toBeNull();
  });

  it('counts beds in a shelter: three free beds hold her and two children, not three', () => {
    const stays = [{ from: '2026-11-01', until: '2026-11-30', usage: 3 }];
    expect(
      allocationRefusal(shelter, stays, { from: '2026-11-02', nights: 3, children: 2 }, none),
    ).toBeNull();
    expect(
      allocationRefusal(shelter, stays, { from: '2026-11-02', nights: 3, children: 3 }, none)?.code,
    ).toBe('housing-place.full');
  });

  it('refuses a closed place and a hotel agreement past its nights of the year', () => {
    expect(
      allocationRefusal(
        { ...flat, active: false },
        [],
        { from: '2026-11-01', nights: 1, children: 0 },
        none,
      )?.code,
    ).toBe('housing-place.inactive');
    const hotel: PlaceFacts = {
      active: true,
      capacity: 3,
      capacityUnit: 'rooms',
      nightsPerYear: 10,
    };
    const stay = { from: '2026-12-30', nights: 4, children: 0 };
    expect(allocationRefusal(hotel, [], stay, new Map([[2026, 8]]))).toBeNull();
    expect(allocationRefusal(hotel, [], stay, new Map([[2026, 9]]))?.code).toBe(
      'housing-place.nights-exhausted',
    );
    expect(allocationRefusal(hotel, [], stay, new Map([[2027, 9]]))?.code).toBe(
      'housing-place.nights-exhausted',
    );
  });

  it('splits nights by year and by month', () => {
    expect([...nightsPerYear('2026-12-30', '2027-01-02')]).toEqual([
      [2026, 2],
      [2027, 1],
    ]);
    expect([...nightsPerMonth('2026-10-30', '2026-11-03')]).toEqual([
      ['2026-10', 2],
      ['2026-11', 2],
    ]);
    expect(monthsBetween('2026-11', '2027-02')).toEqual([
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
    ]);
    expect(monthsBetween('2026-11', '2026-10')).toEqual([]);
  });

  it('orders the waiting list by urgency, then age', () => {
    const at = (iso: string) => new Date(iso);
    const list = [
      { id: 'planned-old', urgency: 'planned' as const, requestedAt: at('2026-11-01') },
      { id: 'immediate-new', urgency: 'immediate' as const, requestedAt: at('2026-11-20') },
      { id: 'immediate-old', urgency: 'immediate' as const, requestedAt: at('2026-11-10') },
      { id: 'days', urgency: 'within_days' as const, requestedAt: at('2026-11-02') },
    ];
    expect([...list].sort(waitingOrder).map((r) => r.id)).toEqual([
      'immediate-old',
      'immediate-new',
      'days',
      'planned-old',
    ]);
  });
});
