import { Refusal } from '../../common/problems';
import { AlarmError } from './alarm-errors';

/** Alarm states and guarded transitions. Pure: no Nest, no TypeORM. */
export const ALARM_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export type AlarmStatus = (typeof ALARM_STATUSES)[number];

export const ALARM_OUTCOMES = [
  'intervention',
  'false_alarm',
  'test',
  'technical',
  'other',
] as const;
export type AlarmOutcome = (typeof ALARM_OUTCOMES)[number];

export const DEVICE_EVENT_TYPES = [
  'distress',
  'test',
  'location',
  'low_battery',
  'power_off',
  'power_on',
  'heartbeat', // a periodic "I am here" of the gateway or the device (supervision)
] as const;
export type DeviceEventType = (typeof DEVICE_EVENT_TYPES)[number];

export function acknowledgeRefusal(status: AlarmStatus): Refusal<AlarmError> | null {
  if (status === 'acknowledged')
    return { code: 'alarm.already-acknowledged', detail: 'The alarm is already acknowledged.' };
  if (status === 'resolved')
    return {
      code: 'alarm.resolved',
      detail: 'The alarm is resolved; it cannot be acknowledged any more.',
    };
  return null;
}

export function policeCallRefusal(status: AlarmStatus): Refusal<AlarmError> | null {
  return status === 'resolved'
    ? { code: 'alarm.resolved', detail: 'The alarm is resolved.' }
    : null;
}

export function resolveRefusal(status: AlarmStatus): Refusal<AlarmError> | null {
  return status === 'resolved'
    ? { code: 'alarm.resolved', detail: 'The alarm is already resolved.' }
    : null;
}

/**
 * When the next escalation is due: `steps[level]` seconds after `from` (the last step repeats).
 * Level 0 is the first push; level 1 the first escalation, and so on.
 */
export function nextEscalation(from: Date, level: number, steps: readonly number[]): Date {
  const seconds = steps[Math.min(level, steps.length - 1)];
  return new Date(from.getTime() + seconds * 1000);
}

/** Exponential backoff for a failed push: 1 s, 2 s, 4 s… capped. */
export function retryDelayMs(attempts: number, maxSeconds: number): number {
  return Math.min(1000 * 2 ** Math.max(0, attempts - 1), maxSeconds * 1000);
}
