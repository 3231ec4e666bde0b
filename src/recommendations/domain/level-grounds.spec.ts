import type { AssessmentResult, FiredRule } from '../../questionnaires/domain/scorer';
import { levelGrounds } from './level-grounds';

const levels = [
  { id: 'low', label: 'Low', minScore: 0 },
  { id: 'high', label: 'High', minScore: 10 },
  { id: 'grave', label: 'Grave' },
];
const weight = (rule: string, points: number): FiredRule => ({
  rule,
  kind: 'weight',
  points,
  reason: rule,
  items: [],
});
const forcing = (rule: string, level: string): FiredRule => ({
  rule,
  kind: 'minimum-level',
  points: 0,
  reason: rule,
  minimumLevel: level,
  items: [],
});
const result = (over: Partial<AssessmentResult>): AssessmentResult =>
  ({
    score: 0,
    scoreLevel: 'low',
    level: 'low',
    levelLabel: 'Low',
    levelRank: 0,
    firedRules: [],
    ...over,
  }) as AssessmentResult;

describe('levelGrounds', () => {
  it('puts the rule the scorer names as decisive first, then every other rule in order', () => {
    const fired = [weight('w1', 3), forcing('raise-high', 'high'), forcing('raise-grave', 'grave')];
    const grounds = levelGrounds(
      result({
        score: 3,
        level: 'grave',
        levelRank: 2,
        firedRules: fired,
        decisiveRule: 'raise-grave',
      }),
      levels,
    );
    expect(grounds.decisive).toMatchObject({ kind: 'rules', level: { id: 'grave' } });
    expect(grounds.rules.map((r) => [r.rule, r.decisive])).toEqual([
      ['raise-grave', true],
      ['w1', false],
      ['raise-high', false],
    ]);
  });

  it('finds the forcing rule of a result scored before the scorer named it', () => {
    const grounds = levelGrounds(
      result({
        score: 2,
        level: 'high',
        levelRank: 1,
        firedRules: [weight('w1', 2), forcing('raise-high', 'high')],
      }),
      levels,
    );
    expect(grounds.decisive).toMatchObject({ kind: 'rules' });
    expect(grounds.rules[0].rule).toBe('raise-high');
  });

  it('names the threshold the points reached when no rule forced the level', () => {
    const grounds = levelGrounds(
      result({
        score: 12,
        scoreLevel: 'high',
        level: 'high',
        levelRank: 1,
        firedRules: [weight('w1', 12)],
        decisiveRule: null,
      }),
      levels,
    );
    expect(grounds.decisive).toEqual({
      kind: 'points',
      level: levels[1],
      points: 12,
      threshold: 10,
    });
    expect(levelGrounds(result({ decisiveRule: null }), levels).decisive.kind).toBe('base');
  });
});
