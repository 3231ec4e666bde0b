/** The follow-up obligations' error codes (`code` of a problem body). */
export const OBLIGATION_ERRORS = ['obligation.closed'] as const;
export type ObligationError = (typeof OBLIGATION_ERRORS)[number];
