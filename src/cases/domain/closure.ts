import { Refusal } from '../../common/problems';
import { CaseError } from './case-errors';

/** Why a follow-up ends (VioGén: supervised deactivation after two consecutive low assessments). */
export const CLOSURE_REASONS = [
  'danger_ended_two_low_assessments',
  'reasoned_decision',
  'victim_moved_away',
  'victim_request',
  'other',
] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

/** A reasoned decision must be argued: at least this many characters of text. */
export const REASONED_DECISION_MIN_LENGTH = 40;

/** A submitted assessment as the closure rule sees it: its level in force, rank 0 the lowest. */
export interface AssessedLevel {
  assessmentId: string;
  levelRank: number;
  submittedAt: Date;
}

/**
 * Why the closure may not be decided, or null. `latest`: the case's submitted assessments, newest
 * first. Pure.
 */
export function closureRefusal(
  reference: string,
  reason: ClosureReason,
  latest: readonly AssessedLevel[],
): Refusal<CaseError> | null {
  if (reason === 'danger_ended_two_low_assessments') {
    const lastTwo = latest.slice(0, 2);
    if (lastTwo.length < 2 || lastTwo.some((a) => a.levelRank !== 0))
      return {
        code: 'case.closure-not-low',
        detail: `Case ${reference} cannot be closed as "danger ended": its two latest submitted assessments must both be at the lowest level of their instrument (${lastTwo.length < 2 ? `${lastTwo.length} submitted` : 'one is higher'}).`,
      };
  }
  return null;
}

/** What is wrong with the decision's text (a fault of the `reason` field), or null. Pure. */
export function closureTextFault(reason: ClosureReason, text: string): string | null {
  if (reason === 'reasoned_decision' && text.trim().length < REASONED_DECISION_MIN_LENGTH)
    return `must give the reasons of the decision in at least ${REASONED_DECISION_MIN_LENGTH} characters`;
  return null;
}
