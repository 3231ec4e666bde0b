import { Refusal } from '../../common/problems';

/** The case files' error codes (`code` of a problem body); other features answer `case.closed` too. */
export const CASE_ERRORS = [
  'case.closed',
  'case.version-conflict',
  'case.closure-not-low',
  'case.transfer-pending',
  'case.no-transfer-pending',
  'case.transfer-tgd-active',
  'case.child-workshop-age',
  'case.child-has-follow-up',
] as const;
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

/** One transfer at a time: the pending one is accepted or declined first. */
export function transferPending(reference: string, to: string): Refusal<CaseError> {
  return {
    code: 'case.transfer-pending',
    detail: `Case ${reference} already awaits a transfer to ${to}: it must be accepted or declined first.`,
  };
}

export function noTransferPending(reference: string): Refusal<CaseError> {
  return {
    code: 'case.no-transfer-pending',
    detail: `Case ${reference} has no transfer awaiting an answer.`,
  };
}

/**
 * A Grave Danger Phone is allocated by the prosecutor of the case's court, from that court's stock,
 * and watched by its obligations: moving the case would leave the allocation, the device and its
 * follow-ups behind in the old jurisdiction. The allocation ends first (or is re-decided there).
 */
export function transferWhileEnrolled(reference: string): Refusal<CaseError> {
  return {
    code: 'case.transfer-tgd-active',
    detail: `Case ${reference} holds an active Grave Danger Phone allocation of its court: end it before transferring the case, then ask the new court for one.`,
  };
}

/** The child's age is outside the workshop's range (detail from domain/children.ts). */
export function workshopAge(detail: string): Refusal<CaseError> {
  return { code: 'case.child-workshop-age', detail };
}

/** A new list of children would drop children whose follow-up is recorded: never lose a child. */
export function childHasFollowUp(reference: string, ids: string[]): Refusal<CaseError> {
  return {
    code: 'case.child-has-follow-up',
    detail: `Case ${reference}: the children ${ids.join(', ')} have a follow-up recorded and cannot be left out of the list; give them with their id.`,
  };
}
