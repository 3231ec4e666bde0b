import { Refusal } from '../../common/problems';

/** The case files' error codes (`code` of a problem body); other features answer `case.closed` too. */
export const CASE_ERRORS = ['case.closed', 'case.version-conflict'] as const;
export type CaseError = (typeof CASE_ERRORS)[number];

/** A closed case is frozen: nothing more is recorded in it. */
export function closedRefusal(
  reference: string,
  what = 'can no longer be changed',
): Refusal<CaseError> {
  return { code: 'case.closed', detail: `Case ${reference} is closed and ${what}.` };
}

/** Someone changed the case since the caller read it: applying the patch would undo their change. */
export function versionConflict(
  reference: string,
  expected: number,
  stored: number,
): Refusal<CaseError> {
  return {
    code: 'case.version-conflict',
    detail: `Case ${reference} is at version ${stored}, not ${expected}: read it again, then apply your changes.`,
  };
}
