/** The TGD requests' and allocations' error codes (`code` of a problem body). */
export const ALLOCATION_ERRORS = [
  'tgd-request.already-decided',
  'tgd-request.pending-exists',
  'allocation.active-exists',
  'allocation.ended',
  'allocation.period-over',
  'consent.missing',
] as const;
export type AllocationError = (typeof ALLOCATION_ERRORS)[number];
