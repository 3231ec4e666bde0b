import { Refusal } from '../../common/problems';
import { DeviceError } from './device-errors';

/** Grave Danger Phone inventory. Pure: no Nest, no TypeORM. */
export const DEVICE_STATUSES = ['available', 'assigned', 'maintenance', 'lost', 'retired'] as const;
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];

/** Statuses an administrator may set by hand; `assigned` comes only from an assignment. */
export const MANUAL_STATUSES = ['available', 'maintenance', 'lost', 'retired'] as const;

export const RETURN_CONDITIONS = ['ok', 'faulty', 'lost'] as const;
export type ReturnCondition = (typeof RETURN_CONDITIONS)[number];

/** The status a device takes back from an assignment, by the condition it came back in. */
export function statusAfterReturn(condition: ReturnCondition): DeviceStatus {
  return condition === 'ok' ? 'available' : condition === 'faulty' ? 'maintenance' : 'lost';
}

export function manualStatusRefusal(
  current: DeviceStatus,
  next: DeviceStatus,
): Refusal<DeviceError> | null {
  if (current === 'assigned')
    return {
      code: 'device.assigned',
      detail: 'The device is assigned: return or swap it through its allocation first.',
    };
  if (current === 'retired')
    return { code: 'device.retired', detail: 'A retired device stays retired.' };
  if (current === next)
    return { code: 'device.same-status', detail: `The device is already ${next}.` };
  return null;
}

/** IMEI: 15 digits whose last is the Luhn check digit of the first 14. */
export function isValidImei(imei: string): boolean {
  if (!/^\d{15}$/.test(imei)) return false;
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    let digit = Number(imei[i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}
