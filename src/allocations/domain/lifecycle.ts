import { Refusal } from '../../common/problems';
import { AllocationError } from './allocation-errors';

/**
 * The TGD request, its decision and the allocation, as guarded state machines. Each guard returns
 * the reason a transition is refused (answered 409), or null. Pure: no Nest, no TypeORM.
 */
export const REQUEST_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const ALLOCATION_STATUSES = ['active', 'ended'] as const;
export type AllocationStatus = (typeof ALLOCATION_STATUSES)[number];

export const END_REASONS = [
  'danger_ended', // author imprisoned, danger over
  'author_imprisoned',
  'victim_request',
  'rules_not_respected', // after the steering committee's opinion (circular of 24 Nov 2014)
  'expired', // end date passed without renewal
  'other',
] as const;
export type EndReason = (typeof END_REASONS)[number];

/** Six months, renewable (CPP art. 41-3-1). */
export const DEFAULT_PERIOD_MONTHS = 6;

type AllocationRefusal = Refusal<AllocationError> | null;

export function decisionRefusal(status: RequestStatus): AllocationRefusal {
  return status === 'pending'
    ? null
    : {
        code: 'tgd-request.already-decided',
        detail: `The request was already ${status}; a decision cannot be changed.`,
      };
}

export function renewalRefusal(
  status: AllocationStatus,
  endsAt: Date,
  now: Date,
): AllocationRefusal {
  if (status === 'ended')
    return { code: 'allocation.ended', detail: 'The allocation has ended and cannot be renewed.' };
  if (endsAt.getTime() <= now.getTime())
    return {
      code: 'allocation.period-over',
      detail: 'The allocation period is over; it can no longer be renewed.',
    };
  return null;
}

export function endRefusal(status: AllocationStatus): AllocationRefusal {
  return status === 'ended'
    ? { code: 'allocation.ended', detail: 'The allocation has already ended.' }
    : null;
}

export function assignmentRefusal(status: AllocationStatus): AllocationRefusal {
  return status === 'ended'
    ? {
        code: 'allocation.ended',
        detail: 'A device cannot be assigned to an allocation that has ended.',
      }
    : null;
}

/** `months` calendar months after `from`, clamped to the month's last day (31 Aug + 6 months = 28/29 Feb). */
export function addMonths(from: Date, months: number): Date {
  const result = new Date(from.getTime());
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(
    Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0),
  ).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}
