import { closureRefusal, closureTextFault, REASONED_DECISION_MIN_LENGTH } from './closure';

const low = (id: string, day: number) => ({
  assessmentId: id,
  levelRank: 0,
  submittedAt: new Date(Date.UTC(2026, 10, day)),
});

describe('closure as a decision', () => {
  it('accepts "danger ended" only after two latest assessments both at the lowest level', () => {
    expect(
      closureRefusal('R', 'danger_ended_two_low_assessments', [low('b', 2), low('a', 1)]),
    ).toBeNull();
    expect(closureRefusal('R', 'danger_ended_two_low_assessments', [low('a', 1)])?.code).toBe(
      'case.closure-not-low',
    );
    expect(closureRefusal('R', 'danger_ended_two_low_assessments', [])?.code).toBe(
      'case.closure-not-low',
    );
    const higherBefore = [low('c', 3), { ...low('b', 2), levelRank: 1 }, low('a', 1)];
    expect(closureRefusal('R', 'danger_ended_two_low_assessments', higherBefore)?.code).toBe(
      'case.closure-not-low',
    );
  });

  it('does not ask other reasons for assessments', () => {
    for (const reason of [
      'reasoned_decision',
      'victim_moved_away',
      'victim_request',
      'other',
    ] as const)
      expect(closureRefusal('R', reason, [])).toBeNull();
  });

  it('wants a reasoned decision argued in words', () => {
    expect(closureTextFault('reasoned_decision', 'Fin.')).toMatch(/at least/);
    expect(
      closureTextFault('reasoned_decision', 'x'.repeat(REASONED_DECISION_MIN_LENGTH)),
    ).toBeNull();
    expect(closureTextFault('other', 'Fin.')).toBeNull();
  });
});
