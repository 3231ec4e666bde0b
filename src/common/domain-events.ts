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
] as const;
export type DomainEventType = (typeof DOMAIN_EVENT_TYPES)[number];

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
    };

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
  }
}
