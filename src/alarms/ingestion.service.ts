import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { AllocationsService, DevicePlacement } from '../allocations/allocations.service';
import { Actor } from '../auth/actor';
import { Clock } from '../common/clock';
import { FieldCipher } from '../common/field-cipher';
import { PROBLEM_TYPE_BASE } from '../common/problem-details.filter';
import { FieldError, ValidationProblem } from '../common/problems';
import { SqlParams } from '../common/sql-params';
import { isTransient } from '../common/transient';
import { tamed, unsafeInput } from '../common/unsafe-input';
import { flattenValidationErrors } from '../common/validation';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ObligationsService } from '../obligations/obligations.service';
import { ClaimedRow, PushService, TIER } from '../push/push.service';
import { AlarmFeed } from './alarm-feed';
import { pushPayload } from './alarm-messages';
import { AlarmsService } from './alarms.service';
import { DeviceEvent } from './device-event.entity';
import { nextEscalation } from './domain/alarm-lifecycle';
import { DeviceEventDto } from './dto/alarm.dto';

const MAX_RETRIES = 5;

type Holder = NonNullable<DevicePlacement['holder']>;

/** The alarm an event was placed on, as the ingestion statement returns it. */
interface PlacedAlarm {
  id: string;
  escalation_level: number;
  danger_level: string | null;
  change: 'opened' | 'reopened' | 'joined';
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
    private readonly allocations: AllocationsService,
    private readonly push: PushService,
    private readonly feed: AlarmFeed,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
    private readonly obligations: ObligationsService,
    private readonly alarms: AlarmsService,
  ) {}

  async ingest(gateway: Actor, raw: unknown): Promise<GatewayAnswer> {
    const received = this.clock.now();
    const unsafe = unsafeInput(raw);
    const isObject = raw !== null && typeof raw === 'object' && !Array.isArray(raw);
    const input = plainToInstance(DeviceEventDto, unsafe.length === 0 && isObject ? raw : {});
    const errors =
      unsafe.length > 0
        ? unsafe
        : isObject
          ? flattenValidationErrors(
              validateSync(input as object, { whitelist: true, forbidNonWhitelisted: true }),
            )
          : [{ field: '', pointer: '', message: 'the body must be a JSON object' }];
    let attempt = () => this.accept(gateway, input, raw as Record<string, unknown>, received);
    let eventId = input.eventId;
    if (errors.length > 0) {
      const kept = tamed(raw);
      // A malformed distress is still a victim pressing a key: keep it for the operators, whatever
      // its body looks like. Anything that says "distress" counts: a false alarm costs an operator a
      // look, a missed one may cost a life. Its id is the one it gives, or else its content's hash,
      // so that a gateway posting it again gets the same answer.
      if (!(JSON.stringify(kept) ?? '').includes('distress')) throw new ValidationProblem(errors);
      const given = (raw as { eventId?: unknown } | null)?.eventId;
      eventId =
        typeof given === 'string' && given.length <= 128 && unsafeInput(given).length === 0
          ? given
          : `sha256:${createHash('sha256').update(JSON.stringify(kept)).digest('hex')}`;
      const problem = new ValidationProblem(errors);
      const stored = { eventId, type: 'distress' } as DeviceEventDto;
      attempt = () =>
        this.record(
          this.db.manager,
          gateway,
          stored,
          { body: kept },
          received,
          {},
          {
            status: 400,
            code: 'validation-error',
            title: 'Bad Request',
            detail: problem.detail,
            errors,
          },
        );
    }
    for (let tries = 0; ; tries++) {
      try {
        return await attempt();
      } catch (error) {
        const constraint = uniqueViolation(error);
        // Posted before (a retry, or twice at once): answer as the first time.
        if (constraint === 'device_event_gateway_event_key') {
          const replay = await this.replay(gateway, eventId);
          if (replay) return replay;
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
   * alarm path, so that it needs no transaction; a `test` event, which also completes the device
   * test obligation, takes one.
   */
  private async accept(
    gateway: Actor,
    input: DeviceEventDto,
    raw: Record<string, unknown>,
    received: Date,
  ): Promise<GatewayAnswer> {
    const manager = this.db.manager;
    const occurredAt = new Date(input.occurredAt);
    if (occurredAt.getTime() > received.getTime() + this.config.alarms.maxClockSkewSeconds * 1000) {
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
    const placement = await this.allocations.placementOf(manager, input.device);
    // A gateway answers for its jurisdictions (a national platform holds `*`): a device of another
    // one is answered exactly as an unknown device, so that serial numbers elsewhere do not leak,
    // and kept, with where it belongs, as a fault for the operators.
    if (placement && !gateway.canActIn(placement.deviceJurisdiction)) {
      return this.record(
        manager,
        gateway,
        input,
        raw,
        received,
        { deviceId: placement.deviceId, jurisdiction: placement.deviceJurisdiction },
        unknownDevice(input.device),
      );
    }
    if (!placement) {
      return this.record(manager, gateway, input, raw, received, {}, unknownDevice(input.device));
    }
    const { deviceId, holder } = placement;
    if (!holder) {
      return this.record(
        manager,
        gateway,
        input,
        raw,
        received,
        { deviceId, jurisdiction: placement.deviceJurisdiction },
        {
          status: 422,
          code: 'no-active-allocation',
          title: 'No active allocation',
          detail: `Device ${placement.serialNumber} is not held under an active allocation.`,
        },
      );
    }
    const placed = {
      deviceId,
      allocationId: holder.allocationId,
      jurisdiction: holder.jurisdiction,
    };
    if (input.type === 'distress' || input.type === 'location') {
      return this.oneAtATime(holder.allocationId, () =>
        this.placeOnAlarm(gateway, input, raw, received, { ...placed, holder }),
      );
    }
    if (input.type === 'test') {
      return this.db.transaction(async (tx) => {
        const answer = await this.record(tx, gateway, input, raw, received, placed);
        await this.obligations.deviceTested(tx, holder.allocationId);
        return answer;
      });
    }
    return this.record(manager, gateway, input, raw, received, placed);
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

  /**
   * A distress opens the allocation's alarm, or joins the one still unresolved; after an
   * acknowledgement it reopens it and re-alerts the operator who acknowledged (a new press is a new
   * call for help). A location extends the track of an unresolved alarm. One statement: the alarm is
   * locked first (so a resolution that commits first is seen and the press opens a new alarm; two
   * presses opening at once meet on the one-unresolved-alarm key and the loser retries as a join),
   * then the pushes of the step are queued (born claimed, sent right after commit) and the change is
   * journalled for every console. A step whose audience has no phone falls through at once to the
   * next tier (supervisors, then fallback operators), and an opening alarm to escalation level 1.
   */
  private async placeOnAlarm(
    gateway: Actor,
    input: DeviceEventDto,
    raw: Record<string, unknown>,
    received: Date,
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
    const p = new SqlParams();
    const [allocation, at, eventRow, jurisdiction, distress, receivedAt] = [
      p.add(holder.allocationId),
      p.add(occurredAt),
      p.add(eventRowId),
      p.add(holder.jurisdiction),
      p.add(input.type === 'distress'),
      p.add(received),
    ];
    const pushing = input.type === 'distress' && this.push.enabled;
    // Without pushes (live feed only) nobody can be reached by phone: no fall-through then.
    const fallsThrough = pushing
      ? `s.audience = 'first' AND coalesce((SELECT min(tier) FROM recipients), ${TIER.supervisors}) >= ${TIER.supervisors}`
      : 'false';
    const sealed = input.location
      ? this.cipher.seal(input.location, `${holder.allocationId}:track`)
      : null;
    const [row]: Array<{
      alarm: PlacedAlarm | null;
      deliveries: ClaimedRow[];
      tier: number | null;
    }> = await this.db.query(
      `WITH target AS (
           SELECT id, status, escalation_level, danger_level, acknowledged_by FROM alarm
           WHERE allocation_id = ${allocation} AND status <> 'resolved' FOR NO KEY UPDATE),
         steps AS (
           SELECT ${p.add(draft.id)}::uuid AS id, ${jurisdiction}::text AS jurisdiction, 'first'::text AS audience,
             NULL::text AS acknowledger, 0 AS level
           WHERE ${distress} AND NOT EXISTS (SELECT 1 FROM target)
           UNION ALL
           SELECT id, ${jurisdiction}, 'realert', acknowledged_by, escalation_level + 1 FROM target
           WHERE ${distress} AND status = 'acknowledged'),
         recipients AS (${
           pushing
             ? this.push.recipientsSql(p, 'steps')
             : 'SELECT NULL::uuid AS id, NULL::text AS operator_id, NULL::text AS token, NULL::int AS tier WHERE false'
         }),
         routed AS (
           SELECT s.*, CASE WHEN ${fallsThrough} THEN 1 ELSE s.level END AS step_level FROM steps s),
         opened AS (
           INSERT INTO alarm (id, case_id, allocation_id, device_id, jurisdiction, status, opened_by_event,
             occurred_at, received_at, escalation_level, next_escalation_at, danger_level, case_reference, version)
           SELECT r.id, ${p.add(holder.caseId)}, ${allocation}, ${p.add(placed.deviceId)}, ${jurisdiction}, 'open',
             ${eventRow}, ${at}, ${receivedAt}, r.step_level,
             CASE WHEN r.step_level = 0 THEN ${p.add(nextEscalation(received, 0, steps))}::timestamptz
               ELSE ${p.add(nextEscalation(received, 1, steps))}::timestamptz END,
             ${p.add(holder.dangerLevel)}, ${p.add(holder.caseReference)}, 1
           FROM routed r WHERE r.audience = 'first'
           RETURNING id, escalation_level, danger_level, status),
         reopened AS (
           UPDATE alarm a SET status = 'open', escalation_level = r.step_level, version = a.version + 1,
             next_escalation_at = ${p.add(nextEscalation(received, 0, steps))}
           FROM routed r WHERE a.id = r.id AND r.audience = 'realert'
           RETURNING a.id, a.escalation_level, a.danger_level, a.status),
         placed AS (
           SELECT id, escalation_level, danger_level, status, 'opened' AS change FROM opened
           UNION ALL SELECT id, escalation_level, danger_level, status, 'reopened' FROM reopened
           UNION ALL SELECT id, escalation_level, danger_level, status, 'joined' FROM target
             WHERE NOT EXISTS (SELECT 1 FROM reopened)),
         pushes AS (${
           pushing
             ? this.push.queueSql(
                 p,
                 `(SELECT r.id AS alarm_id, s.step_level AS level, r.operator_id, r.token,
                     ${p.add(JSON.stringify(pushPayload(draft)))}::jsonb || jsonb_build_object('alarmId', r.id::text, 'escalationLevel', s.step_level::text,
                       'type', CASE WHEN s.audience = 'realert' THEN 'alarm-repress'
                                    WHEN s.step_level = 0 THEN 'alarm' ELSE 'alarm-escalation' END) AS payload
                   FROM recipients r JOIN routed s ON s.id = r.id)`,
                 true,
               )
             : 'SELECT NULL::uuid AS id WHERE false'
         }),
         track AS (
           INSERT INTO alarm_track_point (alarm_id, occurred_at, position_sealed)
           SELECT id, ${at}, ${p.add(sealed)}::text FROM placed WHERE ${p.add(sealed !== null)}),
         event AS (
           INSERT INTO device_event (id, gateway_id, event_id, type, device_id, allocation_id, jurisdiction,
             alarm_id, occurred_at, received_at, outcome, raw_sealed, response_status, response_body)
           SELECT ${eventRow}, ${p.add(gateway.subject)}, ${p.add(input.eventId)}, ${p.add(input.type)},
             ${p.add(placed.deviceId)}, ${allocation}, ${p.add(placed.jurisdiction)}, (SELECT id FROM placed),
             ${at}, ${receivedAt}, 'accepted', ${p.add(this.cipher.seal(raw, `${eventRowId}:raw`))},
             ${answer.status}, ${p.add(JSON.stringify(answer.body))}::jsonb || jsonb_build_object('alarmId', (SELECT id FROM placed))),
         feed AS (${this.feed.appendSql(
           p,
           `(SELECT jsonb_build_object(
               'type', CASE change WHEN 'opened' THEN 'alarm.opened' WHEN 'reopened' THEN 'alarm.reopened'
                 ELSE ${p.add(`alarm.${input.type}`)}::text END,
               'alarmId', id, 'caseReference', ${p.add(holder.caseReference)}::text, 'jurisdiction', ${jurisdiction}::text,
               'dangerLevel', danger_level, 'escalationLevel', escalation_level, 'status', status,
               'at', ${p.add(received.toISOString())}::text) AS event
             FROM placed)`,
         )})
       SELECT (SELECT row_to_json(placed) FROM placed) AS alarm,
         (SELECT coalesce(json_agg(pushes), '[]'::json) FROM pushes) AS deliveries,
         (SELECT min(tier) FROM recipients) AS tier`,
      p.values,
    );
    const alarm = row.alarm;
    answer.body.alarmId = alarm?.id ?? null;
    if (alarm) {
      this.push.dispatch(row.deliveries);
      this.feed.kick();
      if (pushing && alarm.change !== 'joined' && row.tier === null)
        this.alarms.unrouted({ id: alarm.id, jurisdiction: holder.jurisdiction }, alarm.change);
    }
    return answer;
  }

  private async replay(gateway: Actor, eventId: string): Promise<GatewayAnswer | null> {
    const existing = await this.db.getRepository(DeviceEvent).findOne({
      where: { gatewayId: gateway.subject, eventId },
      select: { id: true, responseStatus: true, responseBody: true },
    });
    return existing ? { status: existing.responseStatus, body: existing.responseBody } : null;
  }

  private async record(
    manager: EntityManager,
    gateway: Actor,
    input: DeviceEventDto,
    raw: Record<string, unknown>,
    received: Date,
    placed: { deviceId?: string; allocationId?: string; jurisdiction?: string },
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
      : accepted(input.eventId, received);
    const occurredAt = input.occurredAt ? new Date(input.occurredAt) : null;
    const row: DeviceEvent = {
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
      responseStatus: answer.status,
      responseBody: answer.body,
    };
    await manager.insert(DeviceEvent, row as never);
    return answer;
  }
}

function unknownDevice(device: string): Rejection {
  return {
    status: 422,
    code: 'unknown-device',
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
