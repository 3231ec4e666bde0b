import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../auth/actor';
import { Clock } from '../common/clock';
import { SqlParams } from '../common/sql-params';
import { NotFoundProblem } from '../common/problems';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { Gauge } from 'prom-client';
import { retryDelayMs } from '../alarms/domain/alarm-lifecycle';
import { DutyDto, OperatorDto, PushTokenDto, RegisterPushTokenDto } from './dto/push.dto';
import { PushMessage, PushTransport } from './fcm-transport';
import { PushDelivery } from './push-delivery.entity';
import { PushToken } from './push-token.entity';
import { OperatorDuty } from './operator-duty.entity';

export const PUSH_TRANSPORT = Symbol('PUSH_TRANSPORT');
const BATCH = 200;
const CLAIMED_COLUMNS = 'id, alarm_id, notification_id, token, payload, escalation_level, attempts';

/** An obligation notification to push; its payload carries no personal data. */
export interface ObligationNotice {
  notificationId: string;
  responsible: string;
  jurisdiction: string;
  /** The subject of the case's coordinator. */
  coordinatorId: string;
  payload: Record<string, string>;
}

/** A delivery row as RETURNING gives it, claimed for sending. */
export interface ClaimedRow {
  id: string;
  alarm_id: string | null;
  notification_id: string | null;
  token: string;
  payload: Record<string, string>;
  escalation_level: number;
  attempts: number;
}

function claimedDelivery(r: ClaimedRow): PushDelivery {
  return {
    id: r.id,
    alarmId: r.alarm_id,
    notificationId: r.notification_id,
    token: r.token,
    payload: r.payload,
    escalationLevel: r.escalation_level,
    attempts: r.attempts,
  } as PushDelivery;
}

/** Who gets a push: on-duty operators of the jurisdiction, plus supervisors on escalation. */
export type Audience = 'on_duty' | 'escalation';

/**
 * Operators' push tokens and duty, and the push outbox. Deliveries are written in the alarm's own
 * transaction; the dispatcher claims due ones with FOR UPDATE SKIP LOCKED and a lease, sends them
 * outside any transaction, and records every attempt. A claim whose sender died expires with its
 * lease and is sent again: at least once, never lost.
 */
@Injectable()
export class PushService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PushService.name);
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private readonly leaseMs: number;
  private readonly fresh: PushDelivery[] = [];
  private flushing: Promise<void> | undefined;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(PUSH_TRANSPORT) private readonly transport: PushTransport,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly metrics: MetricsService,
  ) {
    this.leaseMs = Math.max(2 * config.push.sendTimeoutMs, 5_000);
    const backlog = () => this.backlog();
    for (const [name, help, field] of [
      ['push_backlog', 'Pushes waiting to be sent or retried.', 'pending'],
      ['push_backlog_oldest_seconds', 'Age of the oldest waiting push.', 'oldestSeconds'],
    ] as const) {
      new Gauge({
        name,
        help,
        registers: [metrics.registry],
        async collect() {
          this.set((await backlog())[field]);
        },
      });
    }
  }

  get enabled(): boolean {
    return this.transport.enabled;
  }

  onApplicationBootstrap(): void {
    if (this.transport.enabled) this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.draining;
    await this.flushing;
    await this.transport.close();
  }

  async registerToken(actor: Actor, input: RegisterPushTokenDto): Promise<PushTokenDto> {
    // A token moves with its phone: registering it again, by anyone, takes it over.
    const [saved] = await this.db.query(
      `INSERT INTO push_token (id, operator_id, token, platform, roles, jurisdictions, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (token) DO UPDATE SET operator_id = EXCLUDED.operator_id, platform = EXCLUDED.platform,
         roles = EXCLUDED.roles, jurisdictions = EXCLUDED.jurisdictions
       RETURNING id, platform, created_at AS "createdAt"`,
      [
        randomUUID(),
        actor.subject,
        input.token,
        input.platform,
        [...actor.roles],
        [...actor.jurisdictions],
        this.clock.now(),
      ],
    );
    return saved;
  }

  async tokensOf(actor: Actor): Promise<PushTokenDto[]> {
    const tokens = await this.db
      .getRepository(PushToken)
      .find({ where: { operatorId: actor.subject }, order: { createdAt: 'ASC' } });
    return tokens.map(({ id, platform, createdAt }) => ({ id, platform, createdAt }));
  }

  async removeToken(actor: Actor, id: string): Promise<void> {
    const result = await this.db.getRepository(PushToken).delete({ id, operatorId: actor.subject });
    if (!result.affected) throw new NotFoundProblem(`Push token ${id} was not found.`);
  }

  async setDuty(actor: Actor, input: DutyDto): Promise<OperatorDto> {
    await this.db.getRepository(OperatorDuty).upsert(
      {
        operatorId: actor.subject,
        onDuty: input.onDuty,
        supervisor: input.supervisor ?? false,
        jurisdictions: [...actor.jurisdictions],
        updatedAt: this.clock.now(),
      },
      ['operatorId'],
    );
    return this.operator(actor);
  }

  async operator(actor: Actor): Promise<OperatorDto> {
    const duty = await this.db.getRepository(OperatorDuty).findOneBy({ operatorId: actor.subject });
    return {
      operatorId: actor.subject,
      onDuty: duty?.onDuty ?? false,
      supervisor: duty?.supervisor ?? false,
      jurisdictions: duty?.jurisdictions ?? [...actor.jurisdictions],
      tokens: await this.tokensOf(actor),
      pushEnabled: this.transport.enabled,
    };
  }

  /**
   * Queues one alarm step for every device of its audience, in the caller's transaction. The unique
   * key (alarm, step, token) makes a repeated call harmless. Returns how many were queued.
   */
  async enqueue(
    manager: EntityManager,
    alarm: { id: string; jurisdiction: string },
    level: number,
    audience: Audience,
    payload: Record<string, string>,
  ): Promise<number> {
    if (!this.transport.enabled) return 0;
    const params = new SqlParams();
    const source = `(SELECT ${params.add(alarm.id)}::uuid AS id, ${params.add(alarm.jurisdiction)}::text AS jurisdiction, ${params.add(JSON.stringify(payload))}::jsonb AS payload)`;
    const insert = this.queueStep(params, source, level, audience, false);
    const rows: unknown[] = await manager.query(insert!, params.values);
    return rows.length;
  }

  /**
   * The INSERT … SELECT that queues one alarm step for every device of its audience, for a caller
   * that writes the alarm in the same statement: `source` is a relation of (id, jurisdiction,
   * payload). With `claimed`, the rows are born leased to this instance, to be handed to
   * `dispatch` once the statement commits; if this instance dies first, the lease runs out and the
   * poll sends them. Null when pushes are off (live feed only): check `enabled` before adding the
   * source's parameters.
   */
  queueStep(
    params: SqlParams,
    source: string,
    level: number,
    audience: Audience,
    claimed: boolean,
  ): string | null {
    if (!this.transport.enabled) return null;
    const now = this.clock.now();
    const due = claimed ? new Date(now.getTime() + this.leaseMs) : now;
    return `INSERT INTO push_delivery (id, alarm_id, escalation_level, operator_id, token, payload, status, attempts, next_attempt_at, created_at)
       SELECT gen_random_uuid(), s.id, ${params.add(level)}, t.operator_id, t.token, s.payload, 'pending', ${claimed ? 1 : 0}, ${params.add(due)}, ${params.add(now)}
       FROM ${source} s
       JOIN operator_duty d ON (d.on_duty OR (${params.add(audience === 'escalation')} AND d.supervisor))
         AND d.jurisdictions && ARRAY[s.jurisdiction::text, '*']
       JOIN push_token t ON t.operator_id = d.operator_id
       ON CONFLICT (alarm_id, escalation_level, token) DO NOTHING
       RETURNING ${CLAIMED_COLUMNS}`;
  }

  /** Sends deliveries born claimed (see `queueStep`), batched with those of the same moment. */
  dispatch(rows: ClaimedRow[]): void {
    if (rows.length === 0 || this.stopped) return;
    this.fresh.push(...rows.map(claimedDelivery));
    if (this.flushing) return;
    this.flushing = new Promise<void>((resolve) => setImmediate(resolve))
      .then(async () => {
        while (this.fresh.length > 0) await this.deliver(this.fresh.splice(0, BATCH));
      })
      .catch((error: unknown) =>
        this.logger.error(`push dispatch failed: ${(error as Error).message}`),
      )
      .finally(() => {
        this.flushing = undefined;
      });
  }

  /**
   * Queues the pushes of obligation notifications, in the caller's transaction, to whoever answers
   * for each: the case's coordinator (for `coordinator` and `association` obligations: the
   * coordinator is the association's contact), the prosecutors of the jurisdiction, or its on-duty
   * operators. Sent by the dispatcher's next pass (`kick` after commit).
   */
  async queueNotices(manager: EntityManager, notices: ObligationNotice[]): Promise<number> {
    if (!this.transport.enabled || notices.length === 0) return 0;
    const now = this.clock.now();
    const rows: unknown[] = await manager.query(
      `INSERT INTO push_delivery (id, notification_id, escalation_level, operator_id, token, payload, status, attempts, next_attempt_at, created_at)
       SELECT gen_random_uuid(), n."notificationId", 0, t.operator_id, t.token, n.payload, 'pending', 0, $2, $2
       FROM jsonb_to_recordset($1::jsonb)
         AS n("notificationId" uuid, responsible text, jurisdiction text, "coordinatorId" text, payload jsonb)
       JOIN push_token t ON CASE n.responsible
         WHEN 'prosecutor' THEN 'prosecutor' = ANY (t.roles)
           AND t.jurisdictions && ARRAY[n.jurisdiction, '*']
         WHEN 'operator' THEN EXISTS (
           SELECT 1 FROM operator_duty d WHERE d.operator_id = t.operator_id AND d.on_duty
             AND d.jurisdictions && ARRAY[n.jurisdiction, '*'])
         ELSE t.operator_id = n."coordinatorId" END
       ON CONFLICT (notification_id, token) DO NOTHING
       RETURNING id`,
      [JSON.stringify(notices), now],
    );
    return rows.length;
  }

  /** Stops the pushes of an acknowledged or resolved alarm. */
  async cancel(manager: EntityManager, alarmId: string): Promise<void> {
    await manager.query(
      `UPDATE push_delivery SET status = 'cancelled' WHERE alarm_id = $1 AND status = 'pending'`,
      [alarmId],
    );
  }

  /** Sends what is due now (called after an alarm commits); the poll catches retries and restarts. */
  kick(): void {
    if (!this.transport.enabled || this.stopped) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.schedule(0);
  }

  /** Pending deliveries and the age of the oldest, for /health and /metrics. */
  async backlog(): Promise<{ pending: number; oldestSeconds: number }> {
    const [row] = await this.db.query(
      `SELECT count(*)::int AS pending, coalesce(extract(epoch FROM ($1::timestamptz - min(created_at))), 0)::float AS oldest
       FROM push_delivery WHERE status = 'pending'`,
      [this.clock.now()],
    );
    return { pending: row.pending, oldestSeconds: Math.round(row.oldest) };
  }

  private schedule(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.draining = this.drain().finally(() => {
        this.draining = undefined;
        if (this.stopped) return;
        const now = this.again;
        this.again = false;
        this.schedule(now ? 0 : this.config.push.pollMs);
      });
    }, delay);
  }

  private async drain(): Promise<void> {
    try {
      for (;;) {
        const claimed = await this.claim();
        if (claimed.length === 0) return;
        await this.deliver(claimed);
        if (claimed.length < BATCH || this.stopped) return;
      }
    } catch (error) {
      this.logger.error(`push dispatch failed: ${(error as Error).message}`);
    }
  }

  /** Due deliveries (of alarms still open, and of obligation notifications), leased to this instance. */
  private async claim(): Promise<PushDelivery[]> {
    const now = this.clock.now();
    const [rows]: [ClaimedRow[], number] = await this.db.query(
      `WITH due AS (
         SELECT d.id FROM push_delivery d LEFT JOIN alarm a ON a.id = d.alarm_id
         WHERE d.status = 'pending' AND d.next_attempt_at <= $1
           AND (d.alarm_id IS NULL OR a.status = 'open')
         ORDER BY d.next_attempt_at LIMIT ${BATCH}
         FOR UPDATE OF d SKIP LOCKED)
       UPDATE push_delivery d SET attempts = d.attempts + 1, next_attempt_at = $2
       FROM due WHERE d.id = due.id
       RETURNING ${CLAIMED_COLUMNS.replace(/(^|, )/g, '$1d.')}`,
      [now, new Date(now.getTime() + this.leaseMs)],
    );
    return rows.map(claimedDelivery);
  }

  private async deliver(deliveries: PushDelivery[]): Promise<void> {
    const started = Date.now();
    const messages: PushMessage[] = deliveries.map((d) => ({
      token: d.token,
      data: { ...d.payload, deliveryId: d.id },
      collapseKey: d.alarmId ? `${d.alarmId}:${d.escalationLevel}` : `${d.notificationId}`,
    }));
    const outcomes = await this.transport.send(messages);
    const duration = Date.now() - started;
    const now = this.clock.now();
    const results = deliveries.map(
      (_, i) => outcomes[i] ?? { outcome: 'retry' as const, errorCode: 'no-response' },
    );
    for (const result of results) this.metrics.pushSends.inc({ outcome: result.outcome });
    // One statement for the whole batch: outcomes, the alarms' first push, dropped tokens, attempts.
    // TypeORM answers an UPDATE … RETURNING with [rows, affected count].
    const [firstPushes]: [Array<{ received_at: Date }>, number] = await this.db.query(
      `WITH outcome AS (
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::text[])
           AS o(id, outcome, error_code, retry_at, message_id, token)),
       updated AS (
         UPDATE push_delivery d SET
           status = CASE o.outcome WHEN 'sent' THEN 'sent' WHEN 'unregistered' THEN 'dropped' ELSE d.status END,
           sent_at = CASE WHEN o.outcome = 'sent' THEN $7 ELSE d.sent_at END,
           last_error = o.error_code,
           next_attempt_at = coalesce(o.retry_at, d.next_attempt_at)
         FROM outcome o WHERE d.id = o.id
         RETURNING d.alarm_id, o.outcome),
       dropped AS (
         DELETE FROM push_token WHERE token IN (SELECT token FROM outcome WHERE outcome = 'unregistered')),
       attempt AS (
         INSERT INTO push_attempt (delivery_id, attempted_at, duration_ms, outcome, error_code, message_id)
         SELECT id, $7, $8, outcome, error_code, message_id FROM outcome)
       UPDATE alarm SET first_pushed_at = $7
       WHERE id IN (SELECT alarm_id FROM updated WHERE outcome = 'sent') AND first_pushed_at IS NULL
       RETURNING received_at`,
      [
        deliveries.map((d) => d.id),
        results.map((r) => r.outcome),
        results.map((r) => r.errorCode ?? null),
        results.map((r, i) =>
          r.outcome === 'retry'
            ? new Date(
                now.getTime() +
                  retryDelayMs(deliveries[i].attempts, this.config.push.retryMaxSeconds),
              )
            : null,
        ),
        results.map((r) => r.messageId ?? null),
        deliveries.map((d) => d.token),
        now,
        duration,
      ],
    );
    for (const { received_at } of firstPushes)
      this.metrics.alarmReceiptToPush.observe(
        (now.getTime() - new Date(received_at).getTime()) / 1000,
      );
  }
}
