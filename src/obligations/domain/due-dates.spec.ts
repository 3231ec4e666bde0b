import { after, before, isPositiveSpan, occurrence } from './due-dates';

const iso = (d: Date) => d.toISOString();

describe('obligation due dates (Europe/Paris)', () => {
  it('counts hours as elapsed time, even across the spring change', () => {
    // 29 March 2026 02:00 CET → 03:00 CEST: 24 h after 28 March 12:00 (CET) is 29 March 13:00 (CEST).
    expect(iso(after(new Date('2026-03-28T11:00:00Z'), { hours: 24 }))).toBe(
      '2026-03-29T11:00:00.000Z',
    );
  });

  it('counts days on the calendar, keeping the local time across the changes', () => {
    // 10:00 in Paris on 27 March (UTC+1) → 10:00 in Paris on 3 April (UTC+2).
    expect(iso(after(new Date('2026-03-27T09:00:00Z'), { days: 7 }))).toBe(
      '2026-04-03T08:00:00.000Z',
    );
    // Autumn: 10:00 on 22 October (UTC+2) → 10:00 on 29 October (UTC+1).
    expect(iso(after(new Date('2026-10-22T08:00:00Z'), { days: 7 }))).toBe(
      '2026-10-29T09:00:00.000Z',
    );
  });

  it('counts working days Monday to Friday, keeping the local time', () => {
    // Thursday 26 November 2026 10:00 in Paris + 5 working days: Thursday 3 December 10:00.
    expect(iso(after(new Date('2026-11-26T09:00:00Z'), { workingDays: 5 }))).toBe(
      '2026-12-03T09:00:00.000Z',
    );
    // Friday + 1 working day is Monday; Saturday + 1 is Monday too.
    expect(iso(after(new Date('2026-11-27T09:00:00Z'), { workingDays: 1 }))).toBe(
      '2026-11-30T09:00:00.000Z',
    );
    expect(iso(after(new Date('2026-11-28T09:00:00Z'), { workingDays: 1 }))).toBe(
      '2026-11-30T09:00:00.000Z',
    );
    // Across the autumn change: Friday 23 October 10:00 (UTC+2) + 3 → Wednesday 28 October 10:00 (UTC+1).
    expect(iso(after(new Date('2026-10-23T08:00:00Z'), { workingDays: 3 }))).toBe(
      '2026-10-28T09:00:00.000Z',
    );
    // Back: Monday 30 November - 1 working day is Friday 27 November.
    expect(iso(before(new Date('2026-11-30T09:00:00Z'), { workingDays: 1 }))).toBe(
      '2026-11-27T09:00:00.000Z',
    );
    expect(isPositiveSpan({ workingDays: 5 })).toBe(true);
  });

  it('clamps months to the last day of a shorter month', () => {
    expect(iso(after(new Date('2026-01-31T09:00:00Z'), { months: 1 }))).toBe(
      '2026-02-28T09:00:00.000Z',
    );
    expect(iso(after(new Date('2028-01-31T09:00:00Z'), { months: 1 }))).toBe(
      '2028-02-29T09:00:00.000Z',
    );
  });

  it('keeps a monthly series on the anchor day instead of drifting', () => {
    const first = new Date('2026-01-31T09:00:00Z');
    const dates = [0, 1, 2, 3].map((n) => iso(occurrence(first, { months: 1 }, n)));
    expect(dates).toEqual([
      '2026-01-31T09:00:00.000Z',
      '2026-02-28T09:00:00.000Z',
      '2026-03-31T08:00:00.000Z', // 10:00 in Paris, now summer time
      '2026-04-30T08:00:00.000Z',
    ]);
  });

  it('counts back from an end date on the calendar', () => {
    // 30 days before 15 November 10:00 (winter) is 16 October 10:00 (summer).
    expect(iso(before(new Date('2026-11-15T09:00:00Z'), { days: 30 }))).toBe(
      '2026-10-16T08:00:00.000Z',
    );
  });

  it('a local time skipped by the spring change moves forward', () => {
    // 02:30 on 29 March 2026 does not exist in Paris: one day after 28 March 02:30 is 03:30 CEST.
    expect(iso(after(new Date('2026-03-28T01:30:00Z'), { days: 1 }))).toBe(
      '2026-03-29T01:30:00.000Z',
    );
  });

  it('tells a usable span', () => {
    expect(isPositiveSpan({ days: 3 })).toBe(true);
    expect(isPositiveSpan({})).toBe(false);
    expect(isPositiveSpan({ days: -1, hours: 2 })).toBe(false);
    expect(isPositiveSpan({ days: 1.5 })).toBe(false);
  });
});
