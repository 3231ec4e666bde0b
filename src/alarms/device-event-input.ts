import { createHash } from 'node:crypto';

import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

import { FieldError } from '../common/problems';
import { tamed, unsafeInput } from '../common/unsafe-input';
import { flattenValidationErrors } from '../common/validation';
import { DeviceEventDto } from './dto/alarm.dto';

/** A gateway's body as read: the event, what to store of it, and its faults. */
export interface ReadDeviceEvent {
  input: DeviceEventDto;
  /** What is stored (sealed) of the body: the body itself, or its tamed copy when malformed. */
  raw: Record<string, unknown>;
  errors: FieldError[];
  /** A malformed body that says "distress" anywhere: kept as a fault, never dropped. */
  distress: boolean;
}

/**
 * Reads a gateway's body. A malformed distress is still a victim pressing a key: it is kept for the
 * operators whatever its body looks like. Anything that says "distress" counts (a false alarm costs
 * an operator a look, a missed one may cost a life). Its id is the one it gives, or else its
 * content's hash, so that a gateway posting it again gets the same answer.
 */
export function readDeviceEvent(body: unknown): ReadDeviceEvent {
  const unsafe = unsafeInput(body);
  const isObject = body !== null && typeof body === 'object' && !Array.isArray(body);
  const input = plainToInstance(DeviceEventDto, unsafe.length === 0 && isObject ? body : {});
  const errors =
    unsafe.length > 0
      ? unsafe
      : isObject
        ? flattenValidationErrors(
            validateSync(input as object, { whitelist: true, forbidNonWhitelisted: true }),
          )
        : [{ field: '', pointer: '', message: 'the body must be a JSON object' }];
  if (errors.length === 0)
    return { input, raw: body as Record<string, unknown>, errors, distress: false };
  const kept = tamed(body);
  const text = JSON.stringify(kept) ?? '';
  const given = (body as { eventId?: unknown } | null)?.eventId;
  const eventId =
    typeof given === 'string' && given.length <= 128 && unsafeInput(given).length === 0
      ? given
      : `sha256:${createHash('sha256').update(text).digest('hex')}`;
  return {
    input: { eventId, type: 'distress' } as DeviceEventDto,
    raw: { body: kept },
    errors,
    distress: text.includes('distress'),
  };
}
