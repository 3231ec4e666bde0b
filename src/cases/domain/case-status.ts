/** open: being assessed and followed; enrolled: under a TGD allocation; closed: follow-up ended. */
export const CASE_STATUSES = ['open', 'enrolled', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
