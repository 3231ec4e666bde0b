import { AgendaItem, agendaOrder, proposalReasons } from './concertation';

describe('the agenda proposal rule', () => {
  it('proposes the top two levels and the repeats, saying why', () => {
    expect(proposalReasons({ levelFromTop: 0, repeat: false })).toEqual(['highest_level']);
    expect(proposalReasons({ levelFromTop: 1, repeat: true })).toEqual(['highest_level', 'repeat']);
    expect(proposalReasons({ levelFromTop: 2, repeat: true })).toEqual(['repeat']);
    expect(proposalReasons({ levelFromTop: null, repeat: true })).toEqual(['repeat']);
  });

  it('leaves out a lower level that is no repeat, and a case never assessed', () => {
    expect(proposalReasons({ levelFromTop: 2, repeat: false })).toBeNull();
    expect(proposalReasons({ levelFromTop: null, repeat: false })).toBeNull();
  });

  it('orders the highest levels first, then repeats, then by reference', () => {
    const item = (reference: string, levelFromTop: number | null, repeat: boolean): AgendaItem => ({
      caseId: reference,
      reference,
      jurisdiction: 'FR-82',
      level: null,
      levelLabel: null,
      levelFromTop,
      repeat,
      coordinatorName: null,
      reasons: [],
    });
    const sorted = [
      item('C', null, true),
      item('B', 1, false),
      item('D', null, false),
      item('A', 0, false),
    ]
      .sort(agendaOrder)
      .map((i) => i.reference);
    expect(sorted).toEqual(['A', 'B', 'C', 'D']);
  });
});
