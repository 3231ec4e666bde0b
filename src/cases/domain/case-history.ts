/** What the history of a case records after its intake. */
export const CASE_EVENT_KINDS = [
  'incident',
  'closed',
  'reopened',
  'transfer_requested',
  'transfer_accepted',
  'transfer_declined',
  'child_follow_up',
  'author_track',
] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];
