/** The alarms' error codes (`code` of a problem body): gateways' answers and refused transitions. */
export const ALARM_ERRORS = [
  'alarm.already-acknowledged',
  'alarm.resolved',
  'unknown-device',
  'no-active-allocation',
  'last-on-duty',
] as const;
export type AlarmError = (typeof ALARM_ERRORS)[number];
