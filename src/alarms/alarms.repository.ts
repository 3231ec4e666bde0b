import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';

import { relation, SqlParams } from '../common/sql-params';
import { AlarmPush, AlarmStep, ClaimedRow, PushOutbox, TIER } from '../push/push-outbox';
import { Alarm } from './alarm.entity';
import { AlarmFeed } from './alarm-feed';
import { AlarmTrackPoint } from './alarm-track-point.entity';
import { DeviceEvent } from './device-event.entity';
import { AlarmStatus } from './domain/alarm-lifecycle';

/** The alarm an event was placed on, as the ingestion statement returns it. */
export interface PlacedAlarm {
  id: string;
  escalation_level: number;
  danger_level: string | null;
  change: 'opened' | 'reopened' | 'joined';
}

/** What the ingestion statement did: the alarm, its pushes (born claimed), their recipients' tier. */
export interface PlacedEvent {
  alarm: PlacedAlarm | null;
  deliveries: ClaimedRow[];
  tier: number | null;
}

/** A distress or location of a device held under an active allocation, to place on its alarm. */
export interface AlarmEventPlacement {
  /** The id of the alarm if this event opens one. */
  alarmId: string;
  /** The id of the device_event row. */
  eventRowId: string;
  gatewayId: string;
  eventId: string;
  type: 'distress' | 'location';
  deviceId: string;
  allocationId: string;
  caseId: string;
  jurisdiction: string;
  caseReference: string;
  dangerLevel: string | null;
  occurredAt: Date;
  receivedAt: Date;
  /** Whether the step is pushed to phones (a distress, with FCM configured). */
  pushing: boolean;
  /** The data of the step's pushes (no personal data). */
  payload: Record<string, string>;
  /** Next escalation: of a new step, and of one that fell through to the supervisors at once. */
  deadlines: { first: Date; fallenThrough: Date };
  positionSealed: string | null;
  rawSealed: string;
  /** The answer to the gateway, stored with the event (the alarm's id added). */
  answer: { status: number; body: Record<string, unknown> };
}

/**
 * The one place the alarms' tables (alarm, alarm_track_point, device_event) are written. The hot
 * path is one statement (`placeEvent`): the pushes and the journal entry it writes come from their
 * owners as typed relations (`PushOutbox.recipients`/`queue`, `AlarmFeed.appendSql`).
 */
@Injectable()
export class AlarmsRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: PushOutbox,
    private readonly feed: AlarmFeed,
  ) {}

  /**
   * A distress opens the allocation's alarm, or joins the one still unresolved; after an
   * acknowledgement it reopens it and re-alerts the operator who acknowledged. A location extends
   * the track of an unresolved alarm. One statement: the alarm is locked first (so a resolution that
   * commits first is seen and the press opens a new alarm; two presses opening at once meet on the
   * one-unresolved-alarm key and the loser retries as a join), then the pushes of the step are queued
   * (born claimed) and the change is journalled for every console. A step whose audience has no
   * phone falls through at once to the next tier (supervisors, then fallback operators), and an
   * opening alarm to escalation level 1.
   */
  async placeEvent(e: AlarmEventPlacement): Promise<PlacedEvent> {
    const p = new SqlParams();
    const [allocation, at, eventRow, jurisdiction, distress, receivedAt, deviceId, caseReference] =
      [
        p.add(e.allocationId),
        p.add(e.occurredAt),
        p.add(e.eventRowId),
        p.add(e.jurisdiction),
        p.add(e.type === 'distress'),
        p.add(e.receivedAt),
        p.add(e.deviceId),
        p.add(e.caseReference),
      ];
    const pushing = e.pushing;
    // Without pushes (live feed only) nobody can be reached by phone: no fall-through then.
    const fallsThrough = pushing
      ? `s.audience = 'first' AND coalesce((SELECT min(tier) FROM recipients), ${TIER.supervisors}) >= ${TIER.supervisors}`
      : 'false';
    const [row]: PlacedEvent[] = await this.db.query(
      `WITH target AS (
           SELECT id, status, escalation_level, danger_level, acknowledged_by FROM alarm
           WHERE allocation_id = ${allocation} AND status <> 'resolved' FOR NO KEY UPDATE),
         steps AS (
           SELECT ${p.add(e.alarmId)}::uuid AS id, ${jurisdiction}::text AS jurisdiction, 'first'::text AS audience,
             NULL::text AS acknowledger, 0 AS level
           WHERE ${distress} AND NOT EXISTS (SELECT 1 FROM target)
           UNION ALL
           SELECT id, ${jurisdiction}, 'realert', acknowledged_by, escalation_level + 1 FROM target
           WHERE ${distress} AND status = 'acknowledged'),
         recipients AS (${
           pushing
             ? this.outbox.recipients(p, relation<AlarmStep>('steps'))
             : 'SELECT NULL::uuid AS id, NULL::text AS operator_id, NULL::text AS token, NULL::int AS tier WHERE false'
         }),
         routed AS (
           SELECT s.*, CASE WHEN ${fallsThrough} THEN 1 ELSE s.level END AS step_level FROM steps s),
         opened AS (
           INSERT INTO alarm (id, case_id, allocation_id, device_id, jurisdiction, status, opened_by_event,
             occurred_at, received_at, escalation_level, next_escalation_at, danger_level, case_reference, version)
           SELECT r.id, ${p.add(e.caseId)}, ${allocation}, ${deviceId}, ${jurisdiction}, 'open',
             ${eventRow}, ${at}, ${receivedAt}, r.step_level,
             CASE WHEN r.step_level = 0 THEN ${p.add(e.deadlines.first)}::timestamptz
               ELSE ${p.add(e.deadlines.fallenThrough)}::timestamptz END,
             ${p.add(e.dangerLevel)}, ${caseReference}, 1
           FROM routed r WHERE r.audience = 'first'
           RETURNING id, escalation_level, danger_level, status),
         reopened AS (
           UPDATE alarm a SET status = 'open', escalation_level = r.step_level, version = a.version + 1,
             next_escalation_at = ${p.add(e.deadlines.first)}
           FROM routed r WHERE a.id = r.id AND r.audience = 'realert'
           RETURNING a.id, a.escalation_level, a.danger_level, a.status),
         placed AS (
           SELECT id, escalation_level, danger_level, status, 'opened' AS change FROM opened
           UNION ALL SELECT id, escalation_level, danger_level, status, 'reopened' FROM reopened
           UNION ALL SELECT id, escalation_level, danger_level, status, 'joined' FROM target
             WHERE NOT EXISTS (SELECT 1 FROM reopened)),
         pushes AS (${
           pushing
             ? this.outbox.queue(
                 p,
                 relation<AlarmPush>(`(SELECT r.id AS alarm_id, s.step_level AS level, r.operator_id, r.token,
                     ${p.add(JSON.stringify(e.payload))}::jsonb || jsonb_build_object('alarmId', r.id::text, 'escalationLevel', s.step_level::text,
                       'type', CASE WHEN s.audience = 'realert' THEN 'alarm-repress'
                                    WHEN s.step_level = 0 THEN 'alarm' ELSE 'alarm-escalation' END) AS payload
                   FROM recipients r JOIN routed s ON s.id = r.id)`),
                 true,
               )
             : 'SELECT NULL::uuid AS id WHERE false'
         }),
         track AS (
           INSERT INTO alarm_track_point (alarm_id, occurred_at, recorded_at, position_sealed)
           SELECT id, ${at}, ${receivedAt}, ${p.add(e.positionSealed)}::text FROM placed WHERE ${p.add(e.positionSealed !== null)}),
         event AS (
           INSERT INTO device_event (id, gateway_id, event_id, type, device_id, allocation_id, jurisdiction,
             alarm_id, occurred_at, received_at, outcome, raw_sealed, response_status, response_body)
           SELECT ${eventRow}, ${p.add(e.gatewayId)}, ${p.add(e.eventId)}, ${p.add(e.type)},
             ${deviceId}, ${allocation}, ${jurisdiction}, (SELECT id FROM placed),
             ${at}, ${receivedAt}, 'accepted', ${p.add(e.rawSealed)},
             ${p.add(e.answer.status)}::int, ${p.add(JSON.stringify(e.answer.body))}::jsonb || jsonb_build_object('alarmId', (SELECT id FROM placed))),
         feed AS (${this.feed.appendSql(
           p,
           `(SELECT jsonb_build_object(
               'type', CASE change WHEN 'opened' THEN 'alarm.opened' WHEN 'reopened' THEN 'alarm.reopened'
                 ELSE ${p.add(`alarm.${e.type}`)}::text END,
               'alarmId', id, 'caseReference', ${caseReference}::text, 'jurisdiction', ${jurisdiction}::text,
               'dangerLevel', danger_level, 'escalationLevel', escalation_level, 'status', status,
               'at', ${p.add(e.receivedAt.toISOString())}::text) AS event
             FROM placed)`,
         )})
       SELECT (SELECT row_to_json(placed) FROM placed) AS alarm,
         (SELECT coalesce(json_agg(pushes), '[]'::json) FROM pushes) AS deliveries,
         (SELECT min(tier) FROM recipients) AS tier`,
      p.values,
    );
    return row;
  }

  /** A page of alarms of some jurisdictions (all: null), newest first. */
  page(
    manager: EntityManager,
    visible: readonly string[] | null,
    query: { status?: AlarmStatus; page: number; pageSize: number },
  ): Promise<[Alarm[], number]> {
    return manager.getRepository(Alarm).findAndCount({
      where: {
        ...(visible ? { jurisdiction: In([...visible]) } : {}),
        ...(query.status ? { status: query.status } : {}),
      },
      order: { receivedAt: 'DESC', id: 'ASC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
  }

  track(manager: EntityManager, alarmId: string): Promise<AlarmTrackPoint[]> {
    return manager
      .getRepository(AlarmTrackPoint)
      .find({ where: { alarmId }, order: { occurredAt: 'ASC' } });
  }

  /** Open alarms whose escalation deadline passed, claimed (FOR UPDATE SKIP LOCKED). */
  claimEscalations(manager: EntityManager, now: Date, limit: number): Promise<Alarm[]> {
    return manager
      .getRepository(Alarm)
      .createQueryBuilder('a')
      .where(`a.status = 'open' AND a.next_escalation_at <= :now`, { now })
      .orderBy('a.next_escalation_at')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  async setEscalation(manager: EntityManager, alarm: Alarm): Promise<void> {
    await manager.update(
      Alarm,
      { id: alarm.id },
      { escalationLevel: alarm.escalationLevel, nextEscalationAt: alarm.nextEscalationAt },
    );
  }

  /**
   * Makes alarms escalate at `at`: those given (`ids`), or the open ones of some jurisdictions no
   * phone has accepted yet. Locks in id order, as everywhere on the alarm path. Returns how many.
   */
  async escalateAt(
    at: Date,
    which: { ids: string[] } | { unpushedIn: readonly string[] },
  ): Promise<number> {
    const [, count]: [unknown, number] =
      'ids' in which
        ? await this.db.query(
            `UPDATE alarm SET next_escalation_at = $2
             WHERE id IN (SELECT id FROM alarm WHERE id = ANY($1) AND status = 'open'
                          ORDER BY id FOR NO KEY UPDATE)`,
            [which.ids, at],
          )
        : await this.db.query(
            `UPDATE alarm SET next_escalation_at = $2
             WHERE id IN (SELECT id FROM alarm WHERE status = 'open' AND first_pushed_at IS NULL
                            AND (jurisdiction = ANY($1) OR '*' = ANY($1))
                          ORDER BY id FOR NO KEY UPDATE)`,
            [[...which.unpushedIn], at],
          );
    return count;
  }

  /** Records the first push FCM accepted; returns the receipt times of the alarms it was first for. */
  async markFirstPushed(ids: string[], at: Date): Promise<Date[]> {
    const [rows]: [Array<{ received_at: Date }>, number] = await this.db.query(
      `UPDATE alarm SET first_pushed_at = $2
       WHERE id IN (SELECT id FROM alarm WHERE id = ANY($1) AND first_pushed_at IS NULL
                    ORDER BY id FOR NO KEY UPDATE)
       RETURNING received_at`,
      [ids, at],
    );
    return rows.map((r) => new Date(r.received_at));
  }

  /** Open alarms received before `before` that no phone has accepted, for /health. */
  async unpushed(now: Date, before: Date) {
    const [row] = await this.db.query(
      `SELECT count(*)::int AS count, coalesce(array_agg(DISTINCT jurisdiction), '{}') AS jurisdictions,
         coalesce(extract(epoch FROM ($1::timestamptz - min(received_at))), 0)::float AS oldest
       FROM alarm WHERE status = 'open' AND first_pushed_at IS NULL AND received_at <= $2`,
      [now, before],
    );
    return {
      count: row.count as number,
      jurisdictions: row.jurisdictions as string[],
      oldestSeconds: Math.round(row.oldest),
    };
  }

  /**
   * Deletes the track points past their retention: `days` from recording (by the service's clock,
   * never the device's, which may be years behind), `keptDays` for an alarm
   * whose track the prosecutor ordered kept, and never past the alarm's `track_erase_by`.
   */
  async purgeTrack(now: Date, days: number, keptDays: number): Promise<number> {
    const [, count]: [unknown, number] = await this.db.query(
      `DELETE FROM alarm_track_point p USING alarm a
       WHERE a.id = p.alarm_id
         AND (p.recorded_at < $1::timestamptz - make_interval(days =>
                CASE WHEN a.track_kept_at IS NULL THEN $2::int ELSE $3::int END)
              OR a.track_erase_by <= $1)`,
      [now, days, keptDays],
    );
    return count;
  }

  /** Stored events whose body's position is past retention (same rule), claimed for erasure. */
  async eventsPastRetention(
    manager: EntityManager,
    now: Date,
    days: number,
    keptDays: number,
    limit: number,
  ): Promise<{ id: string; rawSealed: string }[]> {
    return manager.query(
      `SELECT e.id, e.raw_sealed AS "rawSealed" FROM device_event e
       LEFT JOIN alarm a ON a.id = e.alarm_id
       WHERE e.positions_erased_at IS NULL
         AND (e.received_at < $1::timestamptz - make_interval(days =>
                CASE WHEN a.track_kept_at IS NULL THEN $2::int ELSE $3::int END)
              OR a.track_erase_by <= $1)
       ORDER BY e.received_at LIMIT $4 FOR UPDATE OF e SKIP LOCKED`,
      [now, days, keptDays, limit],
    );
  }

  /** Replaces the events' bodies by their copies without a position. */
  async erasePositions(
    manager: EntityManager,
    erased: { id: string; rawSealed: string }[],
    at: Date,
  ): Promise<void> {
    await manager.query(
      `UPDATE device_event e SET raw_sealed = x.raw_sealed, positions_erased_at = $3
       FROM unnest($1::uuid[], $2::text[]) AS x(id, raw_sealed) WHERE e.id = x.id`,
      [erased.map((e) => e.id), erased.map((e) => e.rawSealed), at],
    );
  }

  /** The device was returned: the allocation's tracks go by `at` at the latest. */
  async eraseTracksBy(manager: EntityManager, allocationId: string, at: Date): Promise<void> {
    await manager.query(
      `UPDATE alarm SET track_erase_by = $2
       WHERE allocation_id = $1 AND (track_erase_by IS NULL OR track_erase_by > $2)`,
      [allocationId, at],
    );
  }

  /** When each of these devices was last heard from (any accepted event), for supervision. */
  async lastHeard(deviceIds: string[]): Promise<Map<string, Date>> {
    if (deviceIds.length === 0) return new Map();
    // One index lookup per device (device_event_heard_idx), whatever its history's length.
    const rows: { device_id: string; at: Date | null }[] = await this.db.query(
      `SELECT d.device_id, (SELECT e.received_at FROM device_event e
         WHERE e.device_id = d.device_id AND e.outcome = 'accepted'
         ORDER BY e.received_at DESC LIMIT 1) AS at
       FROM unnest($1::uuid[]) AS d(device_id)`,
      [deviceIds],
    );
    return new Map(
      rows.filter((row) => row.at !== null).map((row) => [row.device_id, new Date(row.at!)]),
    );
  }

  /** An event that opens no alarm (a test, power, battery; or a rejected one), with its answer. */
  async recordEvent(manager: EntityManager, row: DeviceEvent): Promise<void> {
    await manager.insert(DeviceEvent, row as never);
  }

  /** The answer already given to a gateway for an event it posts again. */
  answerOf(gatewayId: string, eventId: string): Promise<DeviceEvent | null> {
    return this.db.getRepository(DeviceEvent).findOne({
      where: { gatewayId, eventId },
      select: { id: true, responseStatus: true, responseBody: true },
    });
  }
}
