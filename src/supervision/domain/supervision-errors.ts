/** Device supervision's error codes (`code` of a problem body): refused transitions of an alert. */
export const SUPERVISION_ERRORS = [
  'technical-alert.already-acknowledged',
  'technical-alert.resolved',
] as const;
export type TechnicalAlertError = (typeof SUPERVISION_ERRORS)[number];
