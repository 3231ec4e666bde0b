import type { ClosureReason } from '../cases/domain/closure';

/**
 * What happened in one feature that others may react to, announced in the transaction that made it
 * happen (see `DomainEventPublisher`). Pure: no Nest, no TypeORM. Obligation templates trigger on
 * these very types (`rules/obligations.schema.json`), so a new trigger needs no producer change.
 */
export const DOMAIN_EVENT_TYPES = [
  'allocation.approved',
  'allocation.renewed',
  'allocation.ended',
  'device.assigned',
  'device.returned',
  'device.tested',
  'device.reported',
  'assessment.submitted',
  'assessment.overridden',
  'alarm.resolved',
  'tgd-request.filed',
  'referral.sent',
  'referral.answered',
  'referral.ended',
  'case.incident-recorded',
  'case.transferred',
  'case.closed',
  'consent.recorded',
  'concertation.action-assigned',
  'concertation.action-done',
  'housing.requested',
  'housing.allocated',
  'housing.withdrawn',
] as const;
export type DomainEventType = (typeof DOMAIN_EVENT_TYPES)[number];

/** How soon a victim needs an emergency place: tonight, within days, on a planned date. */
export const HOUSING_URGENCIES = ['immediate', 'within_days', 'planned'] as const;
export type HousingUrgency = (typeof HOUSING_URGENCIES)[number];

/** An allocation as its events describe it. */
interface AllocationFacts {
  allocationId: string;
  caseId: string;
  jurisdiction: string;
  endsAt: Date;
  /** The danger level in force, counted from the most severe (0), when the case is assessed. */
  levelFromTop?: number;
}

/** A change of the danger level in force of a case (0: the most severe level). */
interface LevelFacts {
  caseId: string;
  assessmentId: string;
  levelFromTop: number;
}

export type DomainEvent =
  | ({ type: 'allocation.approved' } & AllocationFacts)
  | ({ type: 'allocation.renewed'; renewal: number } & AllocationFacts)
  | {
      type: 'allocation.ended';
      allocationId: string;
      caseId: string;
      deviceInHand: boolean;
      reason: string;
    }
  | {
      type: 'device.assigned';
      allocationId: string;
      deviceId: string;
      caseId: string;
      jurisdiction: string;
    }
  | { type: 'device.returned'; allocationId: string; deviceId: string }
  | {
      type: 'device.tested';
      allocationId: string;
      deviceId: string;
      /** The stored event's id. */ eventId: string;
    }
  | {
      /** A device's report other than distress and positions: a test, its battery, its power. */
      type: 'device.reported';
      report: 'test' | 'low_battery' | 'power_off' | 'power_on' | 'heartbeat';
      allocationId: string;
      deviceId: string;
      /** The stored event's id. */ eventId: string;
      occurredAt: Date;
      battery?: number;
      /** A test the device reported as failed. */
      failed?: boolean;
    }
  | ({ type: 'assessment.submitted' } & LevelFacts)
  | ({ type: 'assessment.overridden' } & LevelFacts)
  | { type: 'alarm.resolved'; allocationId: string; alarmId: string }
  | {
      /** A coordinator asked the prosecutor for a TGD (CPP art. 41-3-1): the office must know. */
      type: 'tgd-request.filed';
      requestId: string;
      caseId: string;
      jurisdiction: string;
    }
  | ({
      /** A coordinator referred the case to a partner organisation (ids only, nothing personal). */
      type: 'referral.sent';
      partnerId: string;
      service: string;
    } & ReferralFacts)
  | ({
      /** The partner accepted or declined the referral. */
      type: 'referral.answered';
      answer: 'accepted' | 'declined';
    } & ReferralFacts)
  | ({
      /**
       * The referral ended without its outcome: the victim withdrew her consent to share, or the
       * case was closed before the partner answered.
       */
      type: 'referral.ended';
      reason: 'consent_withdrawn' | 'case_closed';
    } & ReferralFacts)
  | {
      /** A new incident in a case (MARAC: it makes the victim a repeat within 12 months). */
      type: 'case.incident-recorded';
      incidentId: string;
      caseId: string;
      jurisdiction: string;
      kind: 'violence' | 'threat' | 'breach_of_ban' | 'other';
      occurredAt: Date;
      /** The victim was already known within 12 months (in any jurisdiction). */
      repeat: boolean;
      /** The incident reopened a closed case. */
      reopened: boolean;
    }
  | {
      /** The case moved to another jurisdiction's coordination (request accepted there). */
      type: 'case.transferred';
      caseId: string;
      from: string;
      to: string;
      transferredAt: Date;
    }
  | CaseClosed
  | {
      /** An entry of the victim's consent record: given, or withdrawn (given false). */
      type: 'consent.recorded';
      caseId: string;
      jurisdiction: string;
      purpose: 'tgd_allocation' | 'geolocation' | 'information_sharing' | 'data_processing';
      given: boolean;
      /** The partner organisation named for `information_sharing`, else null. */
      recipient: string | null;
      recordedAt: Date;
    }
  | ({
      /** A concertation meeting assigned an action on a case to a partner, due at `dueAt`. */
      type: 'concertation.action-assigned';
      partnerId: string;
      dueAt: Date;
    } & ConcertationActionFacts)
  | ({
      /** The partner or the coordinator marked the action done. */
      type: 'concertation.action-done';
      partnerId: string;
    } & ConcertationActionFacts)
  | ({
      /** A coordinator put the victim on the waiting list for an emergency place. */
      type: 'housing.requested';
      urgency: HousingUrgency;
      /** The housing partners whose waiting list it is on (those of the networks covering it). */
      partnerIds: string[];
    } & HousingFacts)
  | ({ /** The housing partner allocated a place. */ type: 'housing.allocated' } & HousingFacts)
  | ({
      /** The request left the waiting list without a place: cancelled, or its case closed. */
      type: 'housing.withdrawn';
      reason: 'cancelled' | 'case_closed';
    } & HousingFacts);

/**
 * The case's coordination closed it, by a decision with its reason code. What hangs on the case
 * (waiting requests, unanswered referrals, open obligations and actions) ends in the closure's
 * transaction, each feature ending its own; a later incident reopens the case, not what ended.
 */
export interface CaseClosed {
  type: 'case.closed';
  caseId: string;
  jurisdiction: string;
  reasonCode: ClosureReason;
  closedAt: Date;
}

/** A request for an emergency place as its events describe it (ids only, nothing personal). */
interface HousingFacts {
  requestId: string;
  caseId: string;
  jurisdiction: string;
}

/** An action decided in a concertation meeting, as its events describe it (ids only). */
interface ConcertationActionFacts {
  meetingId: string;
  actionId: string;
  caseId: string;
  jurisdiction: string;
}

/** A referral of a case to a partner as its events describe it. */
interface ReferralFacts {
  referralId: string;
  caseId: string;
  jurisdiction: string;
}

/** The id of what happened: an event repeated for the same thing has the same source. */
export function sourceOf(event: DomainEvent): string {
  switch (event.type) {
    case 'allocation.approved':
      return event.allocationId;
    case 'allocation.renewed':
      return `${event.allocationId}:${event.renewal}`;
    case 'allocation.ended':
      return `${event.allocationId}:end`;
    case 'device.assigned':
    case 'device.returned':
      return event.deviceId;
    case 'device.tested':
    case 'device.reported':
      return event.eventId;
    case 'assessment.submitted':
      return event.assessmentId;
    case 'assessment.overridden':
      return `${event.assessmentId}:override`;
    case 'alarm.resolved':
      return event.alarmId;
    case 'tgd-request.filed':
      return event.requestId;
    case 'referral.sent':
    case 'referral.answered':
    case 'referral.ended':
      return event.referralId;
    case 'case.incident-recorded':
      return event.incidentId;
    case 'concertation.action-assigned':
    case 'concertation.action-done':
      return event.actionId;
    case 'housing.requested':
    case 'housing.allocated':
    case 'housing.withdrawn':
      return event.requestId;
    case 'case.transferred':
      return `${event.caseId}:transfer:${event.transferredAt.toISOString()}`;
    // A case may be closed, reopened by an incident, and closed again: each closure its own.
    case 'case.closed':
      return `${event.caseId}:closed:${event.closedAt.toISOString()}`;
    case 'consent.recorded':
      return `${event.caseId}:consent:${event.purpose}:${event.recipient ?? ''}:${event.recordedAt.toISOString()}:${event.given}`;
  }
}
