import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import { Clock } from '../common/clock';
import { Relation, relation, SqlParams } from '../common/sql-params';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { PushTransport, SendOutcome } from './fcm-transport';
import { PUSH_TRANSPORT } from './push-transport.token';

const CLAIMED_COLUMNS = 'id, alarm_id, notification_id, token, payload, escalation_level, attempts';

/**
 * Who a step of an alarm pages. `first`: the operators on duty in its jurisdiction; `realert` (a new
 * press after an acknowledgement): the operator who acknowledged; `escalation`: the operators on
 * duty and the supervisors. A step whose audience has no phone falls through to the next tier:
 * supervisors, then the jurisdiction's fallback operators (ALARM_FALLBACK_OPERATORS).
 */
export type Audience = 'first' | 'realert' | 'escalation';

/** Recipient tiers, best first: see `Audience`. */
export const TIER = { acknowledger: 0, onDuty: 1, supervisors: 2, fallback: 3 } as const;

/** One step of an alarm to page (a row of the `steps` relation of `recipients`). */
export interface AlarmStep {
  id: string;
  jurisdiction: string;
  audience: Audience;
  acknowledger: string | null;
}

/** A phone a step pages, of the best tier that has one. */
export interface Recipient {
  id: string;
  operator_id: string;
  token: string;
  tier: number;
}

/** One push to queue for an alarm step. */
export interface AlarmPush {
  alarm_id: string;
  level: number;
  operator_id: string;
  token: string;
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

/** An obligation notification to push; its payload carries no personal data. */
export interface ObligationNotice {
  notificationId: string;
  responsible: string;
  jurisdiction: string;
  /** The subject of the case's coordinator. */
  coordinatorId: string;
  /** For `responsible: 'partner'`: the organisation whose staff's phones it reaches. */
  partnerId?: string;
  payload: Record<string, string>;
}

/** The outcome of one send, with the retry time of a failed one. */
export interface RecordedOutcome extends SendOutcome {
  id: string;
  token: string;
  retryAt: Date | null;
}

/**
 * The push outbox: the one place push_delivery and push_attempt are written, with the recipients'
 * SQL over push_token and operator_duty. Deliveries are queued in the caller's transaction (the
 * alarm's, the obligation's); `PushDispatcher` claims, sends and records them. Locks: push_delivery
 * rows are always taken in id order, and never before an alarm row, so the alarm path cannot
 * deadlock (alarm, then its deliveries, is the one order).
 */
@Injectable()
export class PushOutbox {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(PUSH_TRANSPORT) private readonly transport: PushTransport,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Whether pushes are sent at all (FCM configured); without, nothing is queued. */
  get enabled(): boolean {
    return this.transport.enabled;
  }

  /**
   * The recipients of alarm steps, for a statement that writes the alarm too: every phone of the
   * best tier that has one (see `Audience`), so a step whose audience cannot be reached falls
   * through at once.
   */
  recipients(params: SqlParams, steps: Relation<AlarmStep>): Relation<Recipient> {
    const fallback = params.add(JSON.stringify(this.config.alarms.fallbackOperators));
    return relation(`SELECT id, operator_id, token, tier FROM (
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
       WHERE tier = top`);
  }

  /**
   * The INSERT that queues alarm pushes, for a statement that writes the alarm too. The unique key
   * (alarm, step, token) makes a repeated step harmless. With `claimed`, the rows are born leased
   * to this instance, to be handed to `PushDispatcher.dispatch` once the statement commits; if this
   * instance dies first, the lease runs out and any instance's poll sends them.
   */
  queue(params: SqlParams, rows: Relation<AlarmPush>, claimed: boolean): Relation<ClaimedRow> {
    const now = this.clock.now();
    const lease = claimed ? new Date(now.getTime() + this.config.push.leaseMs) : null;
    return relation(`INSERT INTO push_delivery (id, alarm_id, escalation_level, operator_id, token, payload, status, attempts, next_attempt_at, lease_until, created_at)
       SELECT gen_random_uuid(), r.alarm_id, r.level, r.operator_id, r.token, r.payload, 'pending', ${claimed ? 1 : 0}, ${params.add(now)}, ${params.add(lease)}::timestamptz, ${params.add(now)}
       FROM ${rows} r
       ON CONFLICT (alarm_id, escalation_level, token) DO NOTHING
       RETURNING ${CLAIMED_COLUMNS}`);
  }

  /**
   * Queues one alarm step in the caller's transaction, sent by the dispatcher's next pass (`kick`
   * after commit). Returns how many pushes were queued and the tier of their recipients (null:
   * nobody at all).
   */
  async enqueue(
    manager: EntityManager,
    step: { id: string; jurisdiction: string; level: number; audience: Audience },
    payload: Record<string, string>,
  ): Promise<{ queued: number; tier: number | null }> {
    if (!this.enabled) return { queued: 0, tier: null };
    const p = new SqlParams();
    const [row] = await manager.query(
      `WITH steps AS (SELECT ${p.add(step.id)}::uuid AS id, ${p.add(step.jurisdiction)}::text AS jurisdiction,
           ${p.add(step.audience)}::text AS audience, NULL::text AS acknowledger),
         recipients AS (${this.recipients(p, relation('steps'))}),
         pushes AS (${this.queue(p, relation(`(SELECT id AS alarm_id, ${p.add(step.level)}::smallint AS level, operator_id, token, ${p.add(JSON.stringify(payload))}::jsonb AS payload FROM recipients)`), false)})
       SELECT (SELECT count(*) FROM pushes)::int AS queued, (SELECT min(tier) FROM recipients)::int AS tier`,
      p.values,
    );
    return { queued: row.queued, tier: row.tier };
  }

  /**
   * Queues the pushes of obligation notifications, in the caller's transaction, to whoever answers
   * for each: the case's coordinator (for `coordinator` and `association` obligations: the
   * coordinator is the association's contact), the prosecutors of the jurisdiction, its on-duty
   * operators, or a partner organisation's staff.
   */
  async queueNotices(manager: EntityManager, notices: ObligationNotice[]): Promise<number> {
    if (!this.enabled || notices.length === 0) return 0;
    const rows: unknown[] = await manager.query(
      `INSERT INTO push_delivery (id, notification_id, escalation_level, operator_id, token, payload, status, attempts, next_attempt_at, created_at)
       SELECT gen_random_uuid(), n."notificationId", 0, t.operator_id, t.token, n.payload, 'pending', 0, $2, $2
       FROM jsonb_to_recordset($1::jsonb)
         AS n("notificationId" uuid, responsible text, jurisdiction text, "coordinatorId" text, "partnerId" text, payload jsonb)
       JOIN push_token t ON CASE n.responsible
         WHEN 'prosecutor' THEN 'prosecutor' = ANY (t.roles)
           AND t.jurisdictions && ARRAY[n.jurisdiction, '*']
         WHEN 'partner' THEN t.partner_id = n."partnerId"
         WHEN 'operator' THEN EXISTS (
           SELECT 1 FROM operator_duty d WHERE d.operator_id = t.operator_id AND d.on_duty
             AND d.jurisdictions && ARRAY[n.jurisdiction, '*'])
         ELSE t.operator_id = n."coordinatorId" END
       ON CONFLICT (notification_id, token) DO NOTHING
       RETURNING id`,
      [JSON.stringify(notices), this.clock.now()],
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

  /** Stops the pending pushes of notifications that no longer call for anyone (handled alerts). */
  async cancelNotifications(manager: EntityManager, notificationIds: string[]): Promise<void> {
    if (notificationIds.length === 0) return;
    await manager.query(
      `UPDATE push_delivery SET status = 'cancelled', lease_until = NULL, payload = '{}'::jsonb
       WHERE id IN (SELECT id FROM push_delivery WHERE notification_id = ANY($1) AND status = 'pending'
                    ORDER BY id FOR UPDATE)`,
      [notificationIds],
    );
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

  /** Due deliveries, leased until `leaseUntil`; never one of `held` (still in this instance's hands). */
  async claim(now: Date, leaseUntil: Date, held: string[], limit: number): Promise<ClaimedRow[]> {
    const [rows]: [ClaimedRow[], number] = await this.db.query(
      `WITH due AS (
         SELECT id FROM push_delivery
         WHERE status = 'pending' AND next_attempt_at <= $1 AND (lease_until IS NULL OR lease_until <= $1)
           AND NOT (id = ANY($3::uuid[]))
         ORDER BY next_attempt_at LIMIT ${limit}
         FOR UPDATE SKIP LOCKED)
       UPDATE push_delivery d SET attempts = d.attempts + 1, lease_until = $2
       FROM due WHERE d.id = due.id
       RETURNING ${CLAIMED_COLUMNS.replace(/(^|, )/g, '$1d.')}`,
      [now, leaseUntil, held],
    );
    return rows;
  }

  /** Extends the leases of deliveries still pending (skipping rows busy elsewhere). */
  async renewLeases(ids: string[], until: Date): Promise<void> {
    await this.db.query(
      `UPDATE push_delivery SET lease_until = $2
       WHERE id IN (SELECT id FROM push_delivery WHERE id = ANY($1) AND status = 'pending'
                    ORDER BY id FOR UPDATE SKIP LOCKED)`,
      [ids, until],
    );
  }

  /** Makes one push waiting for its backoff due now: the probe of a failing FCM. */
  async probeOne(now: Date): Promise<void> {
    await this.db.query(
      `UPDATE push_delivery SET next_attempt_at = $1 WHERE id = (
         SELECT id FROM push_delivery WHERE status = 'pending' AND next_attempt_at > $1
           AND (lease_until IS NULL OR lease_until <= $1)
         ORDER BY alarm_id IS NULL, created_at LIMIT 1 FOR UPDATE SKIP LOCKED)`,
      [now],
    );
  }

  /** Makes every push waiting for its backoff due now (FCM is back). */
  async releaseWaiting(now: Date): Promise<void> {
    await this.db.query(
      `UPDATE push_delivery SET next_attempt_at = $1
       WHERE id IN (SELECT id FROM push_delivery
                    WHERE status = 'pending' AND next_attempt_at > $1
                      AND (lease_until IS NULL OR lease_until <= $1)
                    ORDER BY id FOR UPDATE SKIP LOCKED)`,
      [now],
    );
  }

  /**
   * One statement for a whole batch: outcomes, dropped tokens, attempts. Rows are locked in id
   * order, as `cancel` does. Returns the alarm of each delivery with its outcome.
   */
  async record(
    outcomes: RecordedOutcome[],
    now: Date,
    durationMs: number,
    lateLeaseUntil: Date,
  ): Promise<Array<{ alarm_id: string; outcome: string }>> {
    return this.db.query(
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
        outcomes.map((o) => o.id),
        outcomes.map((o) => o.outcome),
        outcomes.map((o) => o.errorCode ?? null),
        outcomes.map((o) => o.retryAt),
        outcomes.map((o) => o.messageId ?? null),
        outcomes.map((o) => o.token),
        now,
        durationMs,
        lateLeaseUntil,
      ],
    );
  }

  /** Of these alarms, those left with no push sent or pending (every phone dropped). */
  async unreachable(alarmIds: string[]): Promise<string[]> {
    if (alarmIds.length === 0) return [];
    const rows: Array<{ alarm_id: string }> = await this.db.query(
      `SELECT alarm_id FROM push_delivery WHERE alarm_id = ANY($1)
       GROUP BY alarm_id HAVING NOT bool_or(status IN ('pending', 'sent'))`,
      [alarmIds],
    );
    return rows.map((r) => r.alarm_id);
  }
}
