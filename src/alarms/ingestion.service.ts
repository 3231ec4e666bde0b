import { ObligationsService } from '../obligations/obligations.service';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { AllocationsService } from '../allocations/allocations.service';
import { AssessmentsService } from '../assessments/assessments.service';
import { Actor } from '../auth/actor';
import { CasesService } from '../cases/cases.service';
import { Clock } from '../common/clock';
import { FieldCipher } from '../common/field-cipher';
import { PROBLEM_TYPE_BASE } from '../common/problem-details.filter';
import { FieldError, ValidationProblem } from '../common/problems';
import { flattenValidationErrors } from '../common/validation';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DevicesService } from '../devices/devices.service';
import { PushService } from '../push/push.service';
import { AlarmFeed, AlarmFeedEvent } from './alarm-feed';
import { AlarmTrackPoint } from './alarm-track-point.entity';
import { Alarm } from './alarm.entity';
import { DeviceEvent } from './device-event.entity';
import { nextEscalation } from './domain/alarm-lifecycle';
import { DeviceEventDto } from './dto/alarm.dto';

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
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly devices: DevicesService,
    private readonly allocations: AllocationsService,
    private readonly assessments: AssessmentsService,
    private readonly cases: CasesService,
    private readonly push: PushService,
    private readonly feed: AlarmFeed,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
    private readonly obligations: ObligationsService,
  ) {}

  async ingest(gateway: Actor, raw: unknown): Promise<GatewayAnswer> {
    const received = this.clock.now();
    const input = plainToInstance(DeviceEventDto, raw ?? {});
    const errors = flattenValidationErrors(
      validateSync(input as object, { whitelist: true, forbidNonWhitelisted: true }),
    );
    const body = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    if (errors.length > 0) {
      const eventId =
        typeof body.eventId === 'string' && body.eventId.length <= 128 ? body.eventId : null;
      // A malformed distress is still a victim pressing a key: keep it for the operators.
      if (body.type !== 'distress' || !eventId) throw new ValidationProblem(errors);
      const problem = new ValidationProblem(errors);
      return this.store(gateway, eventId, body, received, {
        status: 400,
        code: 'validation-error',
        title: 'Bad Request',
        detail: problem.detail,
        errors,
      });
    }
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.accept(gateway, input, body, received);
      } catch (error) {
        // The same event posted twice at once: the other post committed; answer as it did.
        if (attempt < 2 && isUniqueViolation(error)) continue;
        throw error;
      }
    }
  }

  private async accept(
    gateway: Actor,
    input: DeviceEventDto,
    raw: Record<string, unknown>,
    received: Date,
  ): Promise<GatewayAnswer> {
    const published: AlarmFeedEvent[] = [];
    const eventRowId = randomUUID();
    const answer = await this.db.transaction(async (manager) => {
      const replay = await this.replay(manager, gateway, input.eventId);
      if (replay) return replay;
      const occurredAt = new Date(input.occurredAt);
      if (
        occurredAt.getTime() >
        received.getTime() + this.config.alarms.maxClockSkewSeconds * 1000
      ) {
        return this.record(
          manager,
          gateway,
          input,
          raw,
          received,
          {},
          {
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
        );
      }
      const device = await this.devices.findByReference(manager, input.device);
      if (!device) {
        return this.record(
          manager,
          gateway,
          input,
          raw,
          received,
          {},
          {
            status: 422,
            code: 'unknown-device',
            title: 'Unknown device',
            detail: `No device has the serial number or IMEI ${input.device}.`,
          },
        );
      }
      const holder = await this.allocations.activeHolder(manager, device.id);
      if (!holder) {
        return this.record(
          manager,
          gateway,
          input,
          raw,
          received,
          { deviceId: device.id, jurisdiction: device.jurisdiction },
          {
            status: 422,
            code: 'no-active-allocation',
            title: 'No active allocation',
            detail: `Device ${device.serialNumber} is not held under an active allocation.`,
          },
        );
      }
      if (input.type === 'test') await this.obligations.deviceTested(manager, holder.allocationId);
      const alarmId = await this.applyToAlarm(
        manager,
        eventRowId,
        input,
        holder,
        device.id,
        received,
        published,
      );
      return this.record(
        manager,
        gateway,
        input,
        raw,
        received,
        { deviceId: device.id, ...holder, alarmId },
        undefined,
        eventRowId,
      );
    });
    if (published.length > 0) {
      this.push.kick();
      for (const event of published) this.feed.publish(event);
    }
    return answer;
  }

  /** Opens, joins or tracks the allocation's alarm; returns its id. */
  private async applyToAlarm(
    manager: EntityManager,
    eventRowId: string,
    input: DeviceEventDto,
    holder: { allocationId: string; caseId: string; jurisdiction: string },
    deviceId: string,
    received: Date,
    published: AlarmFeedEvent[],
  ): Promise<string | null> {
    if (input.type !== 'distress' && input.type !== 'location') return null;
    let alarm = await manager
      .getRepository(Alarm)
      .createQueryBuilder('a')
      .where(`a.allocation_id = :id AND a.status <> 'resolved'`, { id: holder.allocationId })
      .setLock('pessimistic_write')
      .getOne();
    if (!alarm && input.type === 'location') return null;
    if (!alarm) {
      const level = await this.assessments.levelInForce(manager, holder.caseId);
      const caseReference = await this.cases.referenceOf(manager, holder.caseId);
      alarm = manager.getRepository(Alarm).create({
        id: randomUUID(),
        caseId: holder.caseId,
        allocationId: holder.allocationId,
        deviceId,
        jurisdiction: holder.jurisdiction,
        status: 'open',
        openedByEvent: eventRowId,
        occurredAt: new Date(input.occurredAt),
        receivedAt: received,
        escalationLevel: 0,
        nextEscalationAt: nextEscalation(received, 0, this.config.alarms.escalationSeconds),
        dangerLevel: level?.level ?? null,
        caseReference,
      });
      await manager.insert(Alarm, alarm);
      await this.push.enqueue(manager, alarm, 0, 'on_duty', pushPayload(alarm, input.location));
      published.push(feedEvent('alarm.opened', alarm, received));
    } else if (input.type === 'distress') {
      published.push(feedEvent('alarm.distress', alarm, received));
    }
    if (input.location) {
      await manager.insert(AlarmTrackPoint, {
        alarmId: alarm.id,
        occurredAt: new Date(input.occurredAt),
        positionSealed: this.cipher.seal(input.location, `${alarm.id}:track`),
      });
      if (input.type === 'location') published.push(feedEvent('alarm.location', alarm, received));
    }
    return alarm.id;
  }

  private async replay(
    manager: EntityManager,
    gateway: Actor,
    eventId: string,
  ): Promise<GatewayAnswer | null> {
    const existing = await manager.getRepository(DeviceEvent).findOne({
      where: { gatewayId: gateway.subject, eventId },
      select: { id: true, responseStatus: true, responseBody: true },
    });
    return existing ? { status: existing.responseStatus, body: existing.responseBody } : null;
  }

  /** A rejected event stored on its own (malformed body), unless already stored. */
  private async store(
    gateway: Actor,
    eventId: string,
    raw: Record<string, unknown>,
    received: Date,
    rejection: Rejection,
  ): Promise<GatewayAnswer> {
    return this.db.transaction(async (manager) => {
      const replay = await this.replay(manager, gateway, eventId);
      if (replay) return replay;
      const input = {
        eventId,
        type: 'distress',
        occurredAt: undefined,
      } as unknown as DeviceEventDto;
      return this.record(manager, gateway, input, raw, received, {}, rejection);
    });
  }

  private async record(
    manager: EntityManager,
    gateway: Actor,
    input: DeviceEventDto,
    raw: Record<string, unknown>,
    received: Date,
    placed: {
      deviceId?: string;
      allocationId?: string;
      jurisdiction?: string;
      alarmId?: string | null;
    },
    rejection?: Rejection,
    id: string = randomUUID(),
  ): Promise<GatewayAnswer> {
    const answer: GatewayAnswer = rejection
      ? {
          status: rejection.status,
          body: {
            type: `${PROBLEM_TYPE_BASE}${rejection.code}`,
            title: rejection.title,
            status: rejection.status,
            detail: rejection.detail,
            eventId: input.eventId,
            ...(rejection.errors ? { errors: rejection.errors } : {}),
            recorded: true,
          },
        }
      : {
          status: 201,
          body: {
            eventId: input.eventId,
            outcome: 'accepted',
            alarmId: placed.alarmId ?? null,
            receivedAt: received.toISOString(),
          },
        };
    const occurredAt = input.occurredAt ? new Date(input.occurredAt) : null;
    const row: DeviceEvent = {
      id,
      gatewayId: gateway.subject,
      eventId: input.eventId,
      type: typeof input.type === 'string' ? input.type.slice(0, 16) : null,
      deviceId: placed.deviceId ?? null,
      allocationId: placed.allocationId ?? null,
      jurisdiction: placed.jurisdiction ?? null,
      alarmId: placed.alarmId ?? null,
      occurredAt: occurredAt && !Number.isNaN(occurredAt.getTime()) ? occurredAt : null,
      receivedAt: received,
      outcome: rejection ? 'rejected' : 'accepted',
      rejection: rejection?.code ?? null,
      rawSealed: this.cipher.seal(raw, `${id}:raw`),
      responseStatus: answer.status,
      responseBody: answer.body,
    };
    await manager.insert(DeviceEvent, row as never);
    return answer;
  }
}

/**
 * The push data: ids, times, place, danger and escalation level; never the victim's name
 * (brief §4). Level 0 is the first push, higher levels are escalations.
 */
export function pushPayload(
  alarm: Alarm,
  location?: { lat: number; lon: number; accuracy?: number },
): Record<string, string> {
  return {
    type: alarm.escalationLevel === 0 ? 'alarm' : 'alarm-escalation',
    alarmId: alarm.id,
    caseReference: alarm.caseReference,
    jurisdiction: alarm.jurisdiction,
    dangerLevel: alarm.dangerLevel ?? 'unknown',
    escalationLevel: String(alarm.escalationLevel),
    occurredAt: alarm.occurredAt.toISOString(),
    receivedAt: alarm.receivedAt.toISOString(),
    ...(location
      ? {
          lat: String(location.lat),
          lon: String(location.lon),
          accuracy: String(location.accuracy ?? ''),
        }
      : {}),
  };
}

export function feedEvent(type: AlarmFeedEvent['type'], alarm: Alarm, at: Date): AlarmFeedEvent {
  return {
    type,
    alarmId: alarm.id,
    caseReference: alarm.caseReference,
    jurisdiction: alarm.jurisdiction,
    dangerLevel: alarm.dangerLevel,
    escalationLevel: alarm.escalationLevel,
    at: at.toISOString(),
  };
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error as { code?: string }).code === '23505';
}
