import { authorTrackEvents, authorTrackFaults } from './author-track';

describe("the author's track", () => {
  it('refuses a take-up before the offer, a completion before the order, a measure ending before it starts', () => {
    expect(
      authorTrackFaults({
        authorsCell: { offeredOn: '2026-11-10', takenUpOn: '2026-11-09' },
        responsibilityCourse: { orderedOn: '2026-11-10', completedOn: '2026-11-01' },
        judicialMeasures: [
          { type: 'anti_approach_bracelet', issuedAt: '2026-11-10', expiresAt: '2026-11-01' },
        ],
      }).map((f) => f.field),
    ).toEqual([
      'author.authorsCell.takenUpOn',
      'author.responsibilityCourse.completedOn',
      'author.judicialMeasures.0.expiresAt',
    ]);
    expect(
      authorTrackFaults({ authorsCell: { offeredOn: '2026-11-10', takenUpOn: '2026-11-10' } }),
    ).toEqual([]);
    expect(authorTrackFaults(null)).toEqual([]);
  });

  it('tells the steps a change adds, new dates and measures only', () => {
    const before = {
      authorsCell: { offeredOn: '2026-11-10' },
      judicialMeasures: [{ type: 'contact_ban' as const, issuedAt: '2026-11-01' }],
    };
    expect(authorTrackEvents(before, before)).toEqual([]);
    expect(
      authorTrackEvents(before, {
        authorsCell: { offeredOn: '2026-11-10', takenUpOn: '2026-11-12' },
        responsibilityCourse: { orderedOn: '2026-11-13' },
        judicialMeasures: [
          { type: 'contact_ban', issuedAt: '2026-11-01' },
          { type: 'anti_approach_bracelet', issuedAt: '2026-11-14' },
        ],
      }),
    ).toEqual([
      { step: 'authors_cell_taken_up', on: '2026-11-12' },
      { step: 'responsibility_course_ordered', on: '2026-11-13' },
      { step: 'measure_recorded', on: '2026-11-14', measureType: 'anti_approach_bracelet' },
    ]);
  });
});
