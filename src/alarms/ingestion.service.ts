import { randomUUID } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';

import { AllocationsService } from '../allocations/allocations.service';
import { DevicePlacement } from '../allocations/domain/placement';
import { Actor } from '../auth/actor';
import { Clock } from '../common/clock';
import { DomainEventPublisher } from '../common/domain-event-publisher';
import { FieldCipher } from '../common/field-cipher';
import { PROBLEM_TYPE_BASE } from '../common/problem-details.filter';
import { FieldError, ValidationProblem } from '../common/problems';
import { isTransient } from '../common/transient';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { PushDispatcher } from '../push/push-dispatcher';
import { PushOutbox } from '../push/push-outbox';
import { AlarmFeed } from './alarm-feed';
import { pushPayload } from './alarm-messages';
import { AlarmsRepository } from './alarms.repository';
import { AlarmsService } from './alarms.service';
import { readDeviceEvent } from './device-event-input';
import { AlarmError } from './domain/alarm-errors';
import { nextEscalation } from './domain/alarm-lifecycle';
import { DeviceEventDto } from './dto/alarm.dto';

const MAX_RETRIES = 5;

type Holder = NonNullable<DevicePlacement['holder']>;

/** An event as a gateway posted it. */
interface Incoming {
  gateway: Actor;
  input: DeviceEventDto;
  raw: Record<string, unknown>;
  received: Date;
}

/** Where a stored event belongs, as far as known, and why it is refused if it is. */
interface Disposition {
  placed?: { deviceId?: string; allocationId?: string; jurisdiction?: string };
  rejection?: Rejection;
  /** The event row's id, when the caller needs it (a `device.tested` names it). */
  id?: string;
}

/** The answer to a gateway: stored with the event, replayed for a retried post. */
export interface GatewayAnswer {
  status: number;
  body: Record<string, unknown>;
}

interface Rejection {
  status: number;
  code: string;
  title: string;
  detail: string;
  errors?: FieldError[];
}

/**
 * Device events from the gateways. Each is committed before its answer leaves: a 2xx means stored.
 * A distress opens the allocation's alarm (or joins the one still unresolved) and queues its pushes
 * in the same transaction. A distress that cannot be placed (unknown device, no active allocation,
 * impossible time, malformed) is still stored, as a fault for the operators, and answered 4xx.
 */
@Injectable()
export class IngestionService {
  private readonly inTurn = new Map<string, Promise<void>>();
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly alarms: AlarmsRepository,
    private readonly alarmsService: AlarmsService,
    private readonly allocations: AllocationsService,
    private readonly outbox: PushOutbox,
    private readonly dispatcher: PushDispatcher,
    private readonly feed: AlarmFeed,
    private readonly events: DomainEventPublisher,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
  ) {}

  async ingest(gateway: Actor, raw: unknown): Promise<GatewayAnswer> {
    const received = this.clock.now();
    const read = readDeviceEvent(raw);
    const incoming: Incoming = { gateway, input: read.input, raw: read.raw, received };
    let attempt = () => this.accept(incoming);
    if (read.errors.length > 0) {
      // A malformed distress is kept for the operators (see `readDeviceEvent`); anything else is
      // refused like any bad request.
      if (!read.distress) throw new ValidationProblem(read.errors);
      const problem = new ValidationProblem(read.errors);
      attempt = () =>
        this.record(this.db.manager, incoming, {
          rejection: {
            status: 400,
            code: 'validation-error',
            title: 'Bad Request',
            detail: problem.detail,
            errors: read.errors,
          },
        });
    }
    const eventId = read.input.eventId;
    for (let tries = 0; ; tries++) {
      try {
        return await attempt();
      } catch (error) {
        const constraint = uniqueViolation(error);
        // Posted before (a retry, or twice at once): answer as the first time.
        if (constraint === 'device_event_gateway_event_key') {
          const replay = await this.alarms.answerOf(gateway.subject, eventId);
          if (replay) return { status: replay.responseStatus, body: replay.responseBody };
        }
        // Another press opened the allocation's alarm meanwhile: this one joins it. A deadlock or
        // serialization failure rolled the statement back whole: it runs again.
        if ((constraint || isTransient(error)) && tries < MAX_RETRIES) continue;
        throw error;
      }
    }
  }

  /**
   * One read (where the device belongs) and one write. The write is a single statement for the
   * alarm path, so that it needs no transaction; a `test` event, which other features hear of
   * (`device.tested`), takes one.
   */
  private async accept(incoming: Incoming): Promise<GatewayAnswer> {
    const { gateway, input, received } = incoming;
    const manager = this.db.manager;
    const occurredAt = new Date(input.occurredAt);
    if (occurredAt.getTime() > received.getTime() + this.config.alarms.maxClockSkewSeconds * 1000) {
      return this.record(manager, incoming, {
        rejection: {
          status: 400,
          code: 'validation-error',
          title: 'Bad Request',
          detail: 'Invalid field occurredAt: is in the future',
          errors: [
            {
              field: 'occurredAt',
              pointer: '/occurredAt',
              message: 'is in the future beyond the allowed clock skew',
            },
          ],
        },
      });
    }
    const placement = await this.allocations.placementOf(input.device);
    // A gateway answers for its jurisdictions (a national platform holds `*`): a device of another
    // one is answered exactly as an unknown device, so that serial numbers elsewhere do not leak,
    // and kept, with where it belongs, as a fault for the operators.
    if (placement && !gateway.canActIn(placement.deviceJurisdiction)) {
      return this.record(manager, incoming, {
        placed: { deviceId: placement.deviceId, jurisdiction: placement.deviceJurisdiction },
        rejection: unknownDevice(input.device),
      });
    }
    if (!placement)
      return this.record(manager, incoming, { rejection: unknownDevice(input.device) });
    const { deviceId, holder } = placement;
    if (!holder) {
      return this.record(manager, incoming, {
        placed: { deviceId, jurisdiction: placement.deviceJurisdiction },
        rejection: {
          status: 422,
          code: 'no-active-allocation' satisfies AlarmError,
          title: 'No active allocation',
          detail: `Device ${placement.serialNumber} is not held under an active allocation.`,
        },
      });
    }
    const placed = {
      deviceId,
      allocationId: holder.allocationId,
      jurisdiction: holder.jurisdiction,
    };
    if (input.type === 'distress' || input.type === 'location') {
      return this.oneAtATime(holder.allocationId, () =>
        this.placeOnAlarm(incoming, { ...placed, holder }),
      );
    }
    // Every other report is heard by supervision (and a passed test by the follow-up obligations),
    // in the transaction that stores it.
    const report = input.type;
    return this.db.transaction(async (tx) => {
      const id = randomUUID();
      const answer = await this.record(tx, incoming, { placed, id });
      const about = { allocationId: holder.allocationId, deviceId, eventId: id };
      await this.events.publish(tx, {
        type: 'device.reported',
        report,
        ...about,
        occurredAt,
        battery: input.battery,
        failed: input.result === 'failed',
      });
      if (report === 'test' && input.result !== 'failed')
        await this.events.publish(tx, { type: 'device.tested', ...about });
      return answer;
    });
  }

  /**
   * Presses of one allocation that reach this instance together take turns: the first opens the
   * alarm, the others join it, instead of meeting on the unique key and retrying (the retry stays
   * for presses that reach two instances).
   */
  private async oneAtATime<T>(allocationId: string, work: () => Promise<T>): Promise<T> {
    const before = this.inTurn.get(allocationId);
    const turn = (before ?? Promise.resolve()).then(work, work);
    const settled = turn.then(
      () => undefined,
      () => undefined,
    );
    this.inTurn.set(allocationId, settled);
    try {
      return await turn;
    } finally {
      if (this.inTurn.get(allocationId) === settled) this.inTurn.delete(allocationId);
    }
  }

  /** A distress or location placed on the allocation's alarm (`AlarmsRepository.placeEvent`). */
  private async placeOnAlarm(
    { gateway, input, raw, received }: Incoming,
    placed: { deviceId: string; allocationId: string; jurisdiction: string; holder: Holder },
  ): Promise<GatewayAnswer> {
    const { holder } = placed;
    const steps = this.config.alarms.escalationSeconds;
    const occurredAt = new Date(input.occurredAt);
    const eventRowId = randomUUID();
    const draft = {
      id: randomUUID(),
      caseReference: holder.caseReference,
      jurisdiction: holder.jurisdiction,
      dangerLevel: holder.dangerLevel,
      escalationLevel: 0,
      occurredAt,
      receivedAt: received,
    };
    const answer = accepted(input.eventId, received);
    const pushing = input.type === 'distress' && this.outbox.enabled;
    const row = await this.alarms.placeEvent({
      alarmId: draft.id,
      eventRowId,
      gatewayId: gateway.subject,
      eventId: input.eventId,
      type: input.type as 'distress' | 'location',
      deviceId: placed.deviceId,
      allocationId: holder.allocationId,
      caseId: holder.caseId,
      jurisdiction: holder.jurisdiction,
      caseReference: holder.caseReference,
      dangerLevel: holder.dangerLevel,
      occurredAt,
      receivedAt: received,
      pushing,
      payload: pushPayload(draft),
      deadlines: {
        first: nextEscalation(received, 0, steps),
        fallenThrough: nextEscalation(received, 1, steps),
      },
      positionSealed: input.location
        ? this.cipher.seal(input.location, `${holder.allocationId}:track`)
        : null,
      rawSealed: this.cipher.seal(raw, `${eventRowId}:raw`),
      answer,
    });
    const alarm = row.alarm;
    answer.body.alarmId = alarm?.id ?? null;
    if (alarm) {
      this.dispatcher.dispatch(row.deliveries);
      this.feed.kick();
      if (pushing && alarm.change !== 'joined' && row.tier === null)
        this.alarmsService.unrouted(
          { id: alarm.id, jurisdiction: holder.jurisdiction },
          alarm.change,
        );
    }
    return answer;
  }

  /** Stores an event that opens no alarm, accepted or refused, with the answer it gets. */
  private async record(
    manager: EntityManager,
    { gateway, input, raw, received }: Incoming,
    { placed = {}, rejection, id = randomUUID() }: Disposition,
  ): Promise<GatewayAnswer> {
    const answer: GatewayAnswer = rejection
      ? {
          status: rejection.status,
          body: {
            type: `${PROBLEM_TYPE_BASE}${rejection.code}`,
            title: rejection.title,
            status: rejection.status,
            detail: rejection.detail,
            code: rejection.code,
            eventId: input.eventId,
            ...(rejection.errors ? { errors: rejection.errors } : {}),
            recorded: true,
          },
        }
      : accepted(input.eventId, received);
    const occurredAt = input.occurredAt ? new Date(input.occurredAt) : null;
    await this.alarms.recordEvent(manager, {
      id,
      gatewayId: gateway.subject,
      eventId: input.eventId,
      type: typeof input.type === 'string' ? input.type.slice(0, 16) : null,
      deviceId: placed.deviceId ?? null,
      allocationId: placed.allocationId ?? null,
      jurisdiction: placed.jurisdiction ?? null,
      alarmId: null,
      occurredAt: occurredAt && !Number.isNaN(occurredAt.getTime()) ? occurredAt : null,
      receivedAt: received,
      outcome: rejection ? 'rejected' : 'accepted',
      rejection: rejection?.code ?? null,
      rawSealed: this.cipher.seal(raw, `${id}:raw`),
      positionsErasedAt: null,
      responseStatus: answer.status,
      responseBody: answer.body,
    });
    return answer;
  }
}

function unknownDevice(device: string): Rejection {
  return {
    status: 422,
    code: 'unknown-device' satisfies AlarmError,
    title: 'Unknown device',
    detail: `No device has the serial number or IMEI ${device}.`,
  };
}

function accepted(eventId: string, received: Date): GatewayAnswer {
  return {
    status: 201,
    body: { eventId, outcome: 'accepted', alarmId: null, receivedAt: received.toISOString() },
  };
}

/** The constraint a unique violation names, or null for any other error. */
function uniqueViolation(error: unknown): string | null {
  if (!(error instanceof QueryFailedError)) return null;
  const { code, constraint } = error as { code?: string; constraint?: string };
  return code === '23505' ? (constraint ?? 'unknown') : null;
}
