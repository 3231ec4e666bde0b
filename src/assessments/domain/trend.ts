/** What a re-assessment is compared on. Pure: no Nest, no TypeORM. */
export interface AssessedLevel {
  assessmentId: string;
  questionnaireId: string;
  /** The level in force (the override's, if any). */
  level: string;
  levelRank: number;
  levelCount: number;
  redFlags: string[];
  submittedAt: Date;
}

export interface Trend {
  previousAssessmentId: string;
  previousLevel: string;
  previousSubmittedAt: string;
  direction: 'up' | 'same' | 'down';
  /** False when the two assessments used different instruments: levels compared by relative rank. */
  sameInstrument: boolean;
  newRedFlags: string[];
  resolvedRedFlags: string[];
}

/**
 * The trend of an assessment against the case's previous one. Across instruments with different
 * numbers of levels, each level is placed on a 0–1 scale by its rank.
 */
export function trendOf(current: AssessedLevel, previous: AssessedLevel): Trend {
  const sameInstrument = current.questionnaireId === previous.questionnaireId;
  const position = (a: AssessedLevel) =>
    sameInstrument ? a.levelRank : a.levelRank / Math.max(1, a.levelCount - 1);
  const delta = position(current) - position(previous);
  return {
    previousAssessmentId: previous.assessmentId,
    previousLevel: previous.level,
    previousSubmittedAt: previous.submittedAt.toISOString(),
    direction: Math.abs(delta) < 1e-9 ? 'same' : delta > 0 ? 'up' : 'down',
    sameInstrument,
    newRedFlags: current.redFlags.filter((flag) => !previous.redFlags.includes(flag)),
    resolvedRedFlags: previous.redFlags.filter((flag) => !current.redFlags.includes(flag)),
  };
}
