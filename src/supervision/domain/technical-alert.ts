import type { DomainEvent } from '../../common/domain-events';
import { Refusal } from '../../common/problems';
import { TechnicalAlertError } from './supervision-errors';

/**
 * Technical alerts: a device that may fail the victim when she needs it, kept apart from distress
 * (brief §6: bracelet platforms "drowned in alerts" by technical noise). Pure: no Nest, no TypeORM.
 */
export const TECHNICAL_ALERT_KINDS = [
  'silent', // not heard from within its supervision interval
  'low_battery',
  'power_off',
  'test_failed',
  'test_missed', // no periodic test within the test interval
] as const;
export type TechnicalAlertKind = (typeof TECHNICAL_ALERT_KINDS)[number];

export const TECHNICAL_ALERT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export type TechnicalAlertStatus = (typeof TECHNICAL_ALERT_STATUSES)[number];

/** How a person closed it; `cleared_by_device`, `device_returned`, `allocation_ended` are the service's. */
export const TECHNICAL_RESOLUTIONS = [
  'called_victim',
  'battery_charged',
  'device_swapped',
  'device_repaired',
  'no_fault_found',
  'other',
] as const;
export type TechnicalResolution =
  | (typeof TECHNICAL_RESOLUTIONS)[number]
  | 'cleared_by_device'
  | 'device_returned'
  | 'allocation_ended';

/** What a device reported besides distress and positions (those reach the alarms). */
export type DeviceReport = Extract<DomainEvent, { type: 'device.reported' }>['report'];

export interface ReportFacts {
  report: DeviceReport;
  /** Battery level in percent, when the device gave it. */
  battery?: number;
  /** A test the device itself reported as failed. */
  failed?: boolean;
}

export interface Reaction {
  open: TechnicalAlertKind[];
  close: TechnicalAlertKind[];
}

/**
 * What one report opens and closes. Any report means the device is heard (`silent` closes); a
 * battery level at or above `chargedPercent` closes `low_battery`, a successful test closes the
 * test alerts, `power_on` closes `power_off`.
 */
export function reactionTo(facts: ReportFacts, chargedPercent: number): Reaction {
  const open: TechnicalAlertKind[] = [];
  const close: TechnicalAlertKind[] = ['silent'];
  const charged = facts.battery !== undefined && facts.battery >= chargedPercent;
  switch (facts.report) {
    case 'low_battery':
      open.push('low_battery');
      break;
    case 'power_off':
      open.push('power_off');
      break;
    case 'power_on':
      close.push('power_off');
      break;
    case 'test':
      if (facts.failed) open.push('test_failed');
      else close.push('test_failed', 'test_missed');
      break;
    case 'heartbeat':
      break;
  }
  if (charged && !open.includes('low_battery')) close.push('low_battery');
  return { open, close: close.filter((kind) => !open.includes(kind)) };
}

export function acknowledgeRefusal(
  status: TechnicalAlertStatus,
): Refusal<TechnicalAlertError> | null {
  if (status === 'acknowledged')
    return {
      code: 'technical-alert.already-acknowledged',
      detail: 'The technical alert is already acknowledged.',
    };
  if (status === 'resolved')
    return { code: 'technical-alert.resolved', detail: 'The technical alert is resolved.' };
  return null;
}

export function resolveRefusal(status: TechnicalAlertStatus): Refusal<TechnicalAlertError> | null {
  return status === 'resolved'
    ? { code: 'technical-alert.resolved', detail: 'The technical alert is already resolved.' }
    : null;
}
