import { Refusal } from '../../common/problems';

/** The concertation meetings' error codes (`code` of a problem body). */
export const CONCERTATION_ERRORS = [
  'concertation.network-not-covering',
  'concertation.partner-not-in-network',
  'concertation.case-not-in-network',
  'concertation.case-not-on-agenda',
  'concertation.action-done',
  'concertation.action-cancelled',
] as const;
export type ConcertationError = (typeof CONCERTATION_ERRORS)[number];

export function networkNotCovering(
  networkId: string,
  jurisdiction: string,
): Refusal<ConcertationError> {
  return {
    code: 'concertation.network-not-covering',
    detail: `Network ${networkId} is unknown or does not cover ${jurisdiction}, a jurisdiction you act in.`,
  };
}

export function partnerNotInNetwork(
  partnerId: string,
  networkId: string,
): Refusal<ConcertationError> {
  return {
    code: 'concertation.partner-not-in-network',
    detail: `${partnerId} is not an active partner of network ${networkId}.`,
  };
}

export function caseNotInNetwork(reference: string, networkId: string): Refusal<ConcertationError> {
  return {
    code: 'concertation.case-not-in-network',
    detail: `Case ${reference} is closed or lies outside the jurisdictions of network ${networkId}.`,
  };
}

export function caseNotOnAgenda(caseId: string): Refusal<ConcertationError> {
  return {
    code: 'concertation.case-not-on-agenda',
    detail: `Case ${caseId} is not on the meeting's agenda: add it first.`,
  };
}

export function actionAlreadyDone(actionId: string): Refusal<ConcertationError> {
  return { code: 'concertation.action-done', detail: `Action ${actionId} is already done.` };
}

export function actionCancelled(actionId: string): Refusal<ConcertationError> {
  return {
    code: 'concertation.action-cancelled',
    detail: `Action ${actionId} was cancelled when its case was closed: nothing more is recorded in it.`,
  };
}
