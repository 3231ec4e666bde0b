import { AssessedLevel, trendOf } from './trend';

const at = new Date('2026-10-01T10:00:00Z');
const assessed = (overrides: Partial<AssessedLevel>): AssessedLevel => ({
  assessmentId: 'a',
  questionnaireId: 'grid',
  level: 'low',
  levelRank: 0,
  levelCount: 4,
  redFlags: [],
  submittedAt: at,
  ...overrides,
});

describe('trendOf', () => {
  it('compares ranks on the same instrument and lists new and resolved red flags', () => {
    const trend = trendOf(
      assessed({ level: 'high', levelRank: 2, redFlags: ['strangulation', 'escalation'] }),
      assessed({ assessmentId: 'p', redFlags: ['separation', 'escalation'] }),
    );
    expect(trend).toEqual({
      previousAssessmentId: 'p',
      previousLevel: 'low',
      previousSubmittedAt: at.toISOString(),
      direction: 'up',
      sameInstrument: true,
      newRedFlags: ['strangulation'],
      resolvedRedFlags: ['separation'],
    });
  });

  it('says same and down', () => {
    expect(trendOf(assessed({ levelRank: 1 }), assessed({ levelRank: 1 })).direction).toBe('same');
    expect(trendOf(assessed({ levelRank: 0 }), assessed({ levelRank: 3 })).direction).toBe('down');
  });

  it('places levels of different instruments on one scale by relative rank', () => {
    const five = assessed({ questionnaireId: 'viogen', levelRank: 2, levelCount: 5 });
    const four = assessed({ levelRank: 2, levelCount: 4 });
    expect(trendOf(five, four)).toMatchObject({ sameInstrument: false, direction: 'down' });
    expect(
      trendOf(
        assessed({ levelRank: 3 }),
        assessed({ questionnaireId: 'x', levelRank: 4, levelCount: 5 }),
      ).direction,
    ).toBe('same');
  });
});
