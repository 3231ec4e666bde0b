import type { AssessmentResult, FiredRule } from '../../questionnaires/domain/scorer';

/** A level of the instrument as the grounds need it: id, label, threshold. */
export interface GroundLevel {
  id: string;
  label: string;
  minScore?: number;
}

/** Why the computed level is what it is: the rules that forced it, or the points. */
export type DecisiveGround =
  | { kind: 'rules'; level: GroundLevel; rules: FiredRule[] }
  | { kind: 'points'; level: GroundLevel; points: number; threshold?: number }
  | { kind: 'base'; level: GroundLevel };

export interface LevelGrounds {
  decisive: DecisiveGround;
  /** Every rule that fired, the decisive ones first, then in the instrument's order. */
  rules: Array<FiredRule & { decisive: boolean }>;
}

/**
 * What made the computed level (the scorer takes the higher of the level the points reach and the
 * minimum levels red flags and minimum-level rules impose): the rule that forced it above the
 * points' level (the scorer's `decisiveRule`: the first, in the instrument's order, of those imposing
 * that very level), otherwise the threshold the points reached. Results scored before the scorer
 * named it are read the same way. Pure.
 */
export function levelGrounds(result: AssessmentResult, levels: GroundLevel[]): LevelGrounds {
  const level = levels[result.levelRank] ?? { id: result.level, label: result.levelLabel };
  const rank = (id: string | undefined) => levels.findIndex((l) => l.id === id);
  const named = (result as { decisiveRule?: string | null }).decisiveRule;
  const forcing =
    named === undefined
      ? rank(result.scoreLevel) < result.levelRank
        ? result.firedRules.find((rule) => rule.minimumLevel === result.level)
        : undefined
      : named === null
        ? undefined
        : result.firedRules.find((rule) => rule.rule === named);
  const pointsLevel = levels[rank(result.scoreLevel)];
  let decisive: DecisiveGround;
  if (forcing) decisive = { kind: 'rules', level, rules: [forcing] };
  else if (result.levelRank === 0 && !(pointsLevel?.minScore && pointsLevel.minScore > 0))
    decisive = { kind: 'base', level };
  else decisive = { kind: 'points', level, points: result.score, threshold: pointsLevel?.minScore };
  return {
    decisive,
    rules: [
      ...(forcing ? [{ ...forcing, decisive: true }] : []),
      ...result.firedRules
        .filter((rule) => rule !== forcing)
        .map((rule) => ({ ...rule, decisive: false })),
    ],
  };
}
