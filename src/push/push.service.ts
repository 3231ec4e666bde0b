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
import { Subject } from 'rxjs';
import { retryTransient } from '../common/transient';
import { retryDelayMs } from '../alarms/domain/alarm-lifecycle';
import { DutyDto, OperatorDto, PushTokenDto, RegisterPushTokenDto } from './dto/push.dto';
import { PushMessage, PushTransport, SendOutcome } from './fcm-transport';
import { PushDelivery } from './push-delivery.entity';
import { PushToken } from './push-token.entity';
import { OperatorDuty } from './operator-duty.entity';

export const PUSH_TRANSPORT = Symbol('PUSH_TRANSPORT');
const BATCH = 200;
/** Batches an instance has at FCM at once (a hung FCM costs a send timeout per batch). */
const MAX_IN_FLIGHT = 8;
/** How long a timed-out request is waited for before its pushes may be sent again. */
const LATE_MS = 120_000;
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

/**
 * Who a step of an alarm pages. `first`: the operators on duty in its jurisdiction; `realert` (a new
 * press after an acknowledgement): the operator who acknowledged; `escalation`: the operators on
 * duty and the supervisors. A step whose audience has no phone falls through to the next tier:
 * supervisors, then the jurisdiction's fallback operators (ALARM_FALLBACK_OPERATORS).
 */
export type Audience = 'first' | 'realert' | 'escalation';

/** Recipient tiers, best first: see `Audience`. */
export const TIER = { acknowledger: 0, onDuty: 1, supervisors: 2, fallback: 3 } as const;

/** What became of a batch of alarm pushes, told to the alarms once recorded. */
export interface PushOutcomes {
  at: Date;
  /** Alarms a push of which FCM accepted. */
  sent: string[];
  /** Alarms left with no push sent or pending after their phones' tokens were dropped. */
  unreachable: string[];
}

/** Push's own state for /health: degraded with reasons when sends fail or pushes wait too long. */
export interface PushHealth {
  transport: 'fcm' | 'live-feed-only';
  pending: number;
  oldestSeconds: number;
  failingSeconds: number | null;
  degraded: string[];
}

/**
 * Operators' push tokens and duty, and the push outbox. Deliveries are written in the alarm's own
 * transaction; the dispatcher claims due ones with FOR UPDATE SKIP LOCKED and a short lease, renewed
 * while the send is in flight, sends them outside any transaction, and records every attempt. A
 * claim whose sender died expires with its lease and is sent again: at least once, never lost.
 * Locks: push_delivery rows are always taken in id order, and never before an alarm row, so the
 * alarm path cannot deadlock (alarm, then its deliveries, is the one order).
 */
@Injectable()
export class PushService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PushService.name);
  private timer: NodeJS.Timeout | undefined;
  private renewal: NodeJS.Timeout | undefined;
  private draining: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private readonly leaseMs: number;
  private readonly fresh: PushDelivery[] = [];
  /** Deliveries this instance holds (queued here or in flight): their leases are renewed. */
  private readonly inHand = new Set<string>();
  private flushing = false;
  /** Batches being sent: one slow or hung send never holds back the next batch. */
  private readonly inFlight = new Set<Promise<void>>();
  /** Since when every send has failed (null: the last batch had a success). */
  private failingSince: number | null = null;
  private lastError: string | null = null;
  private lastProbe = 0;
  readonly outcomes = new Subject<PushOutcomes>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(PUSH_TRANSPORT) private readonly transport: PushTransport,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly metrics: MetricsService,
  ) {
    this.leaseMs = config.push.leaseMs;
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
    const failing = () => this.failingSeconds();
    new Gauge({
      name: 'push_failing_seconds',
      help: 'How long every FCM send of this instance has failed (0 when the last one succeeded).',
      registers: [metrics.registry],
      collect() {
        this.set(failing() ?? 0);
      },
    });
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
    await Promise.all(this.inFlight);
    clearInterval(this.renewal);
    this.outcomes.complete();
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
   * The jurisdictions someone on duty can be reached in: an operator on duty with a phone registered
   * (with pushes off, on duty is enough: the console's live feed reaches them). `*` covers all.
   * `except` leaves one operator out (is this operator the last one covering?).
   */
  async reachableJurisdictions(except?: string): Promise<Set<string>> {
    const rows: Array<{ jurisdiction: string }> = await this.db.query(
      `SELECT DISTINCT unnest(d.jurisdictions) AS jurisdiction FROM operator_duty d
       WHERE d.on_duty AND d.operator_id IS DISTINCT FROM $1
         AND (NOT $2 OR EXISTS (SELECT 1 FROM push_token t WHERE t.operator_id = d.operator_id))`,
      [except ?? null, this.transport.enabled],
    );
    return new Set(rows.map((r) => r.jurisdiction));
  }

  /**
   * The recipients of alarm steps, for a statement that writes the alarm too: `steps` names a
   * relation of (id, jurisdiction, audience, acknowledger), one row per alarm step; the result is a
   * relation of (id, operator_id, token, tier): every phone of the best tier that has one (see
   * `Audience`), so a step whose audience cannot be reached falls through at once.
   */
  recipientsSql(params: SqlParams, steps: string): string {
    const fallback = params.add(JSON.stringify(this.config.alarms.fallbackOperators));
    return `SELECT id, operator_id, token, tier FROM (
         SELECT c.*, min(c.tier) OVER (PARTITION BY c.id) AS top FROM (
           SELECT DISTINCT ON (c.id, c.token) c.id, c.operator_id, c.token, c.tier FROM (
             SELECT s.id, t.operator_id, t.token, ${TIER.acknowledger} AS tier
             FROM ${steps} s JOIN push_token t ON s.audience = 'realert' AND t.operator_id = s.acknowledger
             UNION ALL
             SELECT s.id, t.operator_id, t.token,
               CASE WHEN d.on_duty OR s.audience = 'escalation' THEN ${TIER.onDuty} ELSE ${TIER.supervisors} END
             FROM ${steps} s
             JOIN operator_duty d ON (d.on_duty OR d.supervisor) AND d.jurisdictions && ARRAY[s.jurisdiction::text, '*']
             JOIN push_token t ON t.operator_id = d.operator_id
             UNION ALL
             SELECT s.id, t.operator_id, t.token, ${TIER.fallback}
             FROM ${steps} s JOIN push_token t ON t.operator_id IN (SELECT jsonb_array_elements_text(
               coalesce(${fallback}::jsonb -> s.jurisdiction::text, ${fallback}::jsonb -> '*', '[]'::jsonb)))
           ) c ORDER BY c.id, c.token, c.tier) c) ranked
       WHERE tier = top`;
  }

  /**
   * The INSERT that queues pushes, for a statement that writes the alarm too: `rows` is a relation of
   * (alarm_id, level, operator_id, token, payload). The unique key (alarm, step, token) makes a
   * repeated step harmless. With `claimed`, the rows are born leased to this instance, to be handed
   * to `dispatch` once the statement commits; if this instance dies first, the lease runs out and
   * any instance's poll sends them.
   */
  queueSql(params: SqlParams, rows: string, claimed: boolean): string {
    const now = this.clock.now();
    const lease = claimed ? new Date(now.getTime() + this.leaseMs) : null;
    return `INSERT INTO push_delivery (id, alarm_id, escalation_level, operator_id, token, payload, status, attempts, next_attempt_at, lease_until, created_at)
       SELECT gen_random_uuid(), r.alarm_id, r.level, r.operator_id, r.token, r.payload, 'pending', ${claimed ? 1 : 0}, ${params.add(now)}, ${params.add(lease)}::timestamptz, ${params.add(now)}
       FROM ${rows} r
       ON CONFLICT (alarm_id, escalation_level, token) DO NOTHING
       RETURNING ${CLAIMED_COLUMNS}`;
  }

  /**
   * Queues one alarm step in the caller's transaction, sent by the next pass (`kick` after commit).
   * Returns how many pushes were queued and the tier of their recipients (null: nobody at all).
   */
  async enqueue(
    manager: EntityManager,
    step: { id: string; jurisdiction: string; level: number; audience: Audience },
    payload: Record<string, string>,
  ): Promise<{ queued: number; tier: number | null }> {
    if (!this.transport.enabled) return { queued: 0, tier: null };
    const p = new SqlParams();
    const [row] = await manager.query(
      `WITH steps AS (SELECT ${p.add(step.id)}::uuid AS id, ${p.add(step.jurisdiction)}::text AS jurisdiction,
           ${p.add(step.audience)}::text AS audience, NULL::text AS acknowledger),
         recipients AS (${this.recipientsSql(p, 'steps')}),
         pushes AS (${this.queueSql(p, `(SELECT id AS alarm_id, ${p.add(step.level)}::smallint AS level, operator_id, token, ${p.add(JSON.stringify(payload))}::jsonb AS payload FROM recipients)`, false)})
       SELECT (SELECT count(*) FROM pushes)::int AS queued, (SELECT min(tier) FROM recipients)::int AS tier`,
      p.values,
    );
    return { queued: row.queued, tier: row.tier };
  }

  /** Sends deliveries born claimed (see `queueSql`), batched with those of the same moment. */
  dispatch(rows: ClaimedRow[]): void {
    if (rows.length === 0 || this.stopped) return;
    for (const row of rows) this.inHand.add(row.id);
    this.renewLeases();
    this.fresh.push(...rows.map(claimedDelivery));
    if (this.flushing) return;
    this.flushing = true;
    setImmediate(() => {
      this.flushing = false;
      while (this.fresh.length > 0) this.send(this.fresh.splice(0, BATCH));
    });
  }

  /** Sends a batch without waiting for it; its outcome is recorded when FCM answers. */
  private send(deliveries: PushDelivery[]): void {
    const sending: Promise<void> = this.deliverSafely(deliveries).finally(() =>
      this.inFlight.delete(sending),
    );
    this.inFlight.add(sending);
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

  /** Stops the pushes of an acknowledged or resolved alarm (the caller holds the alarm's lock). */
  async cancel(manager: EntityManager, alarmId: string): Promise<void> {
    await manager.query(
      `UPDATE push_delivery SET status = 'cancelled', lease_until = NULL, payload = '{}'::jsonb
       WHERE id IN (SELECT id FROM push_delivery WHERE alarm_id = $1 AND status = 'pending'
                    ORDER BY id FOR UPDATE)`,
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

  /** Degraded, and why: no FCM at all, sends failing too long, or a push waiting too long. */
  async health(): Promise<PushHealth> {
    const { pending, oldestSeconds } = await this.backlog();
    const failingSeconds = this.failingSeconds();
    const limit = this.config.push.degradedAfterSeconds;
    const degraded: string[] = [];
    if (!this.transport.enabled)
      degraded.push('No FCM_PROJECT_ID: alarms are not pushed to phones, only to the live feed.');
    if (failingSeconds !== null && failingSeconds >= limit)
      degraded.push(
        `Every FCM send has failed for ${failingSeconds} s (last error: ${this.lastError ?? 'unknown'}).`,
      );
    if (oldestSeconds >= limit)
      degraded.push(`${pending} pushes waiting, the oldest for ${oldestSeconds} s.`);
    return {
      transport: this.transport.enabled ? 'fcm' : 'live-feed-only',
      pending,
      oldestSeconds,
      failingSeconds,
      degraded,
    };
  }

  private failingSeconds(): number | null {
    return this.failingSince === null
      ? null
      : Math.round((this.clock.now().getTime() - this.failingSince) / 1000);
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
      await this.probe();
      while (this.inFlight.size < MAX_IN_FLIGHT && !this.stopped) {
        const claimed = await this.claim();
        if (claimed.length === 0) return;
        this.send(claimed);
        if (claimed.length < BATCH) return;
      }
    } catch (error) {
      this.logger.error(`push dispatch failed: ${(error as Error).message}`);
    }
  }

  /**
   * While every send fails, one push waiting for its backoff is tried now and then: the first that
   * goes through tells FCM is back, and everything waiting is then sent at once (`deliver`).
   */
  private async probe(): Promise<void> {
    const now = this.clock.now();
    if (
      this.failingSince === null ||
      now.getTime() - this.lastProbe < this.config.push.probeSeconds * 1000
    )
      return;
    this.lastProbe = now.getTime();
    await this.db.query(
      `UPDATE push_delivery SET next_attempt_at = $1 WHERE id = (
         SELECT id FROM push_delivery WHERE status = 'pending' AND next_attempt_at > $1
           AND (lease_until IS NULL OR lease_until <= $1)
         ORDER BY alarm_id IS NULL, created_at LIMIT 1 FOR UPDATE SKIP LOCKED)`,
      [now],
    );
  }

  /** Due deliveries, leased to this instance. */
  private async claim(): Promise<PushDelivery[]> {
    const now = this.clock.now();
    const [rows]: [ClaimedRow[], number] = await this.db.query(
      `WITH due AS (
         SELECT id FROM push_delivery
         WHERE status = 'pending' AND next_attempt_at <= $1 AND (lease_until IS NULL OR lease_until <= $1)
           AND NOT (id = ANY($3::uuid[]))
         ORDER BY next_attempt_at LIMIT ${BATCH}
         FOR UPDATE SKIP LOCKED)
       UPDATE push_delivery d SET attempts = d.attempts + 1, lease_until = $2
       FROM due WHERE d.id = due.id
       RETURNING ${CLAIMED_COLUMNS.replace(/(^|, )/g, '$1d.')}`,
      // Never what this instance still holds, even if a stalled event loop let its lease run out.
      [now, new Date(now.getTime() + this.leaseMs), [...this.inHand]],
    );
    for (const row of rows) this.inHand.add(row.id);
    this.renewLeases();
    return rows.map(claimedDelivery);
  }

  /** Keeps the leases of the deliveries in hand alive while there are any. */
  private renewLeases(): void {
    if (this.renewal || this.inHand.size === 0) return;
    this.renewal = setInterval(
      () => {
        if (this.inHand.size === 0) {
          clearInterval(this.renewal);
          this.renewal = undefined;
          return;
        }
        const now = this.clock.now();
        this.db
          .query(
            `UPDATE push_delivery SET lease_until = $2
             WHERE id IN (SELECT id FROM push_delivery WHERE id = ANY($1) AND status = 'pending'
                          ORDER BY id FOR UPDATE SKIP LOCKED)`,
            [[...this.inHand], new Date(now.getTime() + this.leaseMs)],
          )
          .catch((error: Error) => this.logger.warn(`push lease renewal failed: ${error.message}`));
      },
      Math.max(100, Math.floor(this.leaseMs / 3)),
    );
  }

  private async deliverSafely(deliveries: PushDelivery[]): Promise<void> {
    let late: Promise<SendOutcome[]> | undefined;
    try {
      ({ late } = await this.deliver(deliveries));
    } catch (error) {
      this.logger.error(`push dispatch failed: ${(error as Error).message}`);
    }
    if (late) void this.followLate(deliveries, late);
    else for (const d of deliveries) this.inHand.delete(d.id);
  }

  /**
   * A timed-out request may still succeed (firebase-admin retries some failures by itself): its
   * pushes stay in hand, their lease renewed, not sent again, until it ends or LATE_MS passes; what
   * it delivered after all is recorded as sent. The batch's slot is free meanwhile.
   */
  private async followLate(deliveries: PushDelivery[], late: Promise<SendOutcome[]>) {
    let timer: NodeJS.Timeout | undefined;
    try {
      const outcomes = await Promise.race([
        late,
        new Promise<SendOutcome[]>((resolve) => {
          timer = setTimeout(() => resolve([]), LATE_MS);
          timer.unref();
        }),
      ]);
      const settled = deliveries.flatMap((d, i) =>
        outcomes[i] && outcomes[i].outcome !== 'retry' ? [{ d, r: outcomes[i] }] : [],
      );
      if (settled.length > 0 && !this.stopped)
        await this.record(
          settled.map((s) => s.d),
          settled.map((s) => s.r),
          this.clock.now(),
          0,
        );
    } catch (error) {
      this.logger.error(`recording a late push outcome failed: ${(error as Error).message}`);
    } finally {
      clearTimeout(timer);
      for (const d of deliveries) this.inHand.delete(d.id);
    }
  }

  /**
   * Sends a batch and records its outcomes; `late`: the real outcomes of a timed-out request (in an
   * object, since awaiting a promise of a promise would wait for it).
   */
  private async deliver(deliveries: PushDelivery[]): Promise<{ late?: Promise<SendOutcome[]> }> {
    const started = Date.now();
    const messages: PushMessage[] = deliveries.map((d) => ({
      token: d.token,
      data: { ...d.payload, deliveryId: d.id },
      collapseKey: d.alarmId ? `${d.alarmId}:${d.escalationLevel}` : `${d.notificationId}`,
    }));
    const { outcomes, late } = await this.transport.send(messages);
    const results = deliveries.map(
      (_, i) => outcomes[i] ?? { outcome: 'retry' as const, errorCode: 'no-response' },
    );
    await this.record(deliveries, results, this.clock.now(), Date.now() - started);
    return { late };
  }

  /**
   * One statement for a whole batch: outcomes, dropped tokens, attempts. Rows are locked in id
   * order, as `cancel` does. It touches push tables only; the alarms hear of it afterwards.
   */
  private async record(
    deliveries: PushDelivery[],
    results: SendOutcome[],
    now: Date,
    duration: number,
  ): Promise<void> {
    for (const result of results) this.metrics.pushSends.inc({ outcome: result.outcome });
    const updated: Array<{ alarm_id: string; outcome: string }> = await retryTransient(() =>
      this.db.query(
        `WITH outcome AS (
           SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::text[])
             AS o(id, outcome, error_code, retry_at, message_id, token)),
         locked AS MATERIALIZED (
           SELECT id FROM push_delivery WHERE id IN (SELECT id FROM outcome) ORDER BY id FOR UPDATE),
         updated AS (
           UPDATE push_delivery d SET
             status = CASE o.outcome WHEN 'sent' THEN 'sent' WHEN 'unregistered' THEN 'dropped' ELSE d.status END,
             sent_at = CASE WHEN o.outcome = 'sent' THEN $7 ELSE d.sent_at END,
             last_error = o.error_code,
             -- Kept only while it may still be sent.
             payload = CASE WHEN o.outcome IN ('sent', 'unregistered') THEN '{}'::jsonb ELSE d.payload END,
             next_attempt_at = coalesce(o.retry_at, d.next_attempt_at),
             -- A timed-out request may still be under way: its pushes stay leased (renewed) meanwhile.
             lease_until = CASE WHEN o.error_code = 'timeout' THEN $9::timestamptz ELSE NULL END
           FROM outcome o WHERE d.id = o.id AND d.id IN (SELECT id FROM locked)
           RETURNING d.alarm_id, o.outcome),
         dropped AS (
           DELETE FROM push_token WHERE token IN (SELECT token FROM outcome WHERE outcome = 'unregistered')),
         attempt AS (
           INSERT INTO push_attempt (delivery_id, attempted_at, duration_ms, outcome, error_code, message_id)
           SELECT id, $7, $8, outcome, error_code, message_id FROM outcome)
         SELECT alarm_id, outcome FROM updated WHERE alarm_id IS NOT NULL`,
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
          new Date(now.getTime() + this.leaseMs),
        ],
      ),
    );
    await this.afterOutcomes(now, results, updated);
  }

  /** Tells the alarms, tracks whether FCM is failing, and releases what waited once it is back. */
  private async afterOutcomes(
    now: Date,
    results: Array<{ outcome: string; errorCode?: string }>,
    updated: Array<{ alarm_id: string; outcome: string }>,
  ): Promise<void> {
    const sent = [...new Set(updated.filter((u) => u.outcome === 'sent').map((u) => u.alarm_id))];
    const dropped = [
      ...new Set(updated.filter((u) => u.outcome === 'unregistered').map((u) => u.alarm_id)),
    ];
    const unreachable: string[] =
      dropped.length === 0
        ? []
        : (
            await this.db.query(
              `SELECT alarm_id FROM push_delivery WHERE alarm_id = ANY($1)
               GROUP BY alarm_id HAVING NOT bool_or(status IN ('pending', 'sent'))`,
              [dropped],
            )
          ).map((r: { alarm_id: string }) => r.alarm_id);
    if (sent.length > 0 || unreachable.length > 0)
      this.outcomes.next({ at: now, sent, unreachable });
    const anySent = results.some((r) => r.outcome === 'sent');
    const failed = results.find((r) => r.outcome === 'retry');
    if (anySent && this.failingSince !== null) {
      // Rows locked in id order and skipped when busy, as everywhere on push_delivery.
      await this.db.query(
        `UPDATE push_delivery SET next_attempt_at = $1
         WHERE id IN (SELECT id FROM push_delivery
                      WHERE status = 'pending' AND next_attempt_at > $1
                        AND (lease_until IS NULL OR lease_until <= $1)
                      ORDER BY id FOR UPDATE SKIP LOCKED)`,
        [now],
      );
      this.failingSince = null;
      this.logger.log('FCM sends succeed again: sending every waiting push now');
      this.kick();
    } else if (!anySent && failed) {
      this.lastError = failed.errorCode ?? 'unknown';
      if (this.failingSince === null) this.failingSince = now.getTime();
    }
  }
}
