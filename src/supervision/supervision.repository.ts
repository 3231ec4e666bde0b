import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import { Page } from '../common/dto/page';
import { TechnicalAlertKind, TechnicalAlertStatus } from './domain/technical-alert';
import { TechnicalAlert } from './technical-alert.entity';

/** Who the service records as having closed an alert itself. */
export const SYSTEM = {
  device: 'system:device',
  swap: 'system:device.assigned',
  returned: 'system:supervision.release',
} as const;

export interface SupervisedDevice {
  allocationId: string;
  deviceId: string;
  caseId: string;
  jurisdiction: string;
}

/** A technical alert just closed by the service: whom it concerned. */
export interface ClearedAlert {
  id: string;
  caseId: string;
  jurisdiction: string;
}

/** A technical alert just opened: whom it concerns. */
export interface OpenedAlert {
  id: string;
  kind: TechnicalAlertKind;
  allocationId: string;
  caseId: string;
  jurisdiction: string;
}

export interface AlertQuery {
  jurisdictions: readonly string[] | null;
  status?: TechnicalAlertStatus;
  kind?: TechnicalAlertKind;
  /** Only the alerts of these cases (null: any). */
  caseIds?: readonly string[] | null;
  page: number;
  pageSize: number;
}

/**
 * The one place supervision's tables (device_supervision, technical_alert) are written. Alerts are
 * opened by INSERT … ON CONFLICT DO NOTHING on the partial unique index of unresolved alerts: a
 * second instance, a repeated report or a second scan never opens one twice.
 */
@Injectable()
export class SupervisionRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Supervises the allocation's device from now; a swap replaces the device and its alerts. */
  async supervise(manager: EntityManager, device: SupervisedDevice, now: Date): Promise<void> {
    await manager.query(
      `UPDATE technical_alert SET status = 'resolved', resolved_at = $3, resolved_by = $4,
         resolution = 'device_swapped'
       WHERE allocation_id = $1 AND device_id <> $2 AND status <> 'resolved'`,
      [device.allocationId, device.deviceId, now, SYSTEM.swap],
    );
    await manager.query(
      `INSERT INTO device_supervision (allocation_id, device_id, case_id, jurisdiction,
         supervised_since, last_heard_at, last_tested_at)
       VALUES ($1, $2, $3, $4, $5, $5, $5)
       ON CONFLICT (allocation_id) DO UPDATE SET device_id = EXCLUDED.device_id,
         supervised_since = EXCLUDED.supervised_since, last_heard_at = EXCLUDED.last_heard_at,
         last_tested_at = EXCLUDED.last_tested_at`,
      [device.allocationId, device.deviceId, device.caseId, device.jurisdiction, now],
    );
  }

  /** The device is back, or its allocation ended: no longer supervised, its alerts resolved. */
  async release(
    manager: EntityManager,
    allocationId: string,
    now: Date,
    resolution: 'device_returned' | 'allocation_ended',
  ): Promise<void> {
    await manager.query(`DELETE FROM device_supervision WHERE allocation_id = $1`, [allocationId]);
    await manager.query(
      `UPDATE technical_alert SET status = 'resolved', resolved_at = $2, resolved_by = $3,
         resolution = $4
       WHERE allocation_id = $1 AND status <> 'resolved'`,
      [allocationId, now, SYSTEM.returned, resolution],
    );
  }

  /** The device was heard (and tested): the supervised row, or undefined when not supervised. */
  async heard(
    manager: EntityManager,
    allocationId: string,
    deviceId: string,
    at: Date,
    tested: boolean,
  ): Promise<SupervisedDevice | undefined> {
    const [rows]: [SupervisedDevice[], number] = await manager.query(
      `UPDATE device_supervision SET last_heard_at = GREATEST(last_heard_at, $3),
         last_tested_at = CASE WHEN $4 THEN GREATEST(last_tested_at, $3) ELSE last_tested_at END
       WHERE allocation_id = $1 AND device_id = $2
       RETURNING allocation_id AS "allocationId", device_id AS "deviceId", case_id AS "caseId",
         jurisdiction`,
      [allocationId, deviceId, at, tested],
    );
    return rows[0];
  }

  /** Opens alerts of these kinds on the device, unless already open; returns those it opened. */
  async open(
    manager: EntityManager,
    device: SupervisedDevice,
    kinds: TechnicalAlertKind[],
    at: Date,
    escalateAt: Date,
    eventId: string | null,
  ): Promise<OpenedAlert[]> {
    if (kinds.length === 0) return [];
    return manager.query(
      `INSERT INTO technical_alert (id, kind, status, allocation_id, device_id, case_id, jurisdiction,
         opened_at, opened_by_event, next_escalation_at)
       SELECT gen_random_uuid(), kind, 'open', $1, $2, $3, $4, $5, $6, $7
       FROM unnest($8::text[]) AS kind
       ON CONFLICT (allocation_id, kind) WHERE status <> 'resolved' DO NOTHING
       RETURNING id, kind, allocation_id AS "allocationId", case_id AS "caseId", jurisdiction`,
      [
        device.allocationId,
        device.deviceId,
        device.caseId,
        device.jurisdiction,
        at,
        eventId,
        escalateAt,
        kinds,
      ],
    );
  }

  /** Closes the device's unresolved alerts of these kinds: the device itself cleared them. */
  async clearedByDevice(
    manager: EntityManager,
    allocationId: string,
    kinds: TechnicalAlertKind[],
    at: Date,
  ): Promise<ClearedAlert[]> {
    if (kinds.length === 0) return [];
    const [rows]: [ClearedAlert[], number] = await manager.query(
      `UPDATE technical_alert SET status = 'resolved', resolved_at = $3, resolved_by = $4,
         resolution = 'cleared_by_device'
       WHERE allocation_id = $1 AND kind = ANY($2) AND status <> 'resolved'
       RETURNING id, case_id AS "caseId", jurisdiction`,
      [allocationId, kinds, at, SYSTEM.device],
    );
    return rows;
  }

  /**
   * Devices past their supervision interval (per jurisdiction, else the default), and those whose
   * silence alert is open: the scan asks the alarms when they were last heard on the alarm path.
   */
  async silenceCandidates(
    now: Date,
    defaultHours: number,
    byJurisdiction: Record<string, number>,
  ): Promise<{ allocationId: string; deviceId: string }[]> {
    return this.db.query(
      `SELECT s.allocation_id AS "allocationId", s.device_id AS "deviceId"
       FROM device_supervision s
       LEFT JOIN unnest($2::text[], $3::int[]) AS j(jurisdiction, hours) USING (jurisdiction)
       WHERE s.last_heard_at < $1::timestamptz - make_interval(hours => COALESCE(j.hours, $4))
       UNION
       SELECT allocation_id, device_id FROM technical_alert
       WHERE kind = 'silent' AND status <> 'resolved'`,
      [now, Object.keys(byJurisdiction), Object.values(byJurisdiction), defaultHours],
    );
  }

  /** Moves devices' last-heard times forward (never back). */
  async heardAt(heard: { deviceId: string; at: Date }[]): Promise<void> {
    if (heard.length === 0) return;
    await this.db.query(
      `UPDATE device_supervision s SET last_heard_at = GREATEST(s.last_heard_at, h.at)
       FROM unnest($1::uuid[], $2::timestamptz[]) AS h(device_id, at)
       WHERE s.device_id = h.device_id`,
      [heard.map((h) => h.deviceId), heard.map((h) => h.at)],
    );
  }

  /** Closes silence alerts of devices heard since they opened. */
  async clearSilences(manager: EntityManager, now: Date): Promise<ClearedAlert[]> {
    const [rows]: [ClearedAlert[], number] = await manager.query(
      `UPDATE technical_alert a SET status = 'resolved', resolved_at = $1, resolved_by = $2,
         resolution = 'cleared_by_device'
       FROM device_supervision s
       WHERE a.kind = 'silent' AND a.status <> 'resolved' AND s.allocation_id = a.allocation_id
         AND s.last_heard_at >= a.opened_at
       RETURNING a.id, a.case_id AS "caseId", a.jurisdiction`,
      [now, SYSTEM.device],
    );
    return rows;
  }

  /** Opens `silent` and `test_missed` alerts on devices past their intervals, once each. */
  async openOverdue(
    manager: EntityManager,
    now: Date,
    defaultHours: number,
    byJurisdiction: Record<string, number>,
    testDays: number,
    escalateAt: Date,
  ): Promise<OpenedAlert[]> {
    return manager.query(
      `INSERT INTO technical_alert (id, kind, status, allocation_id, device_id, case_id, jurisdiction,
         opened_at, opened_by_event, next_escalation_at)
       SELECT gen_random_uuid(), k.kind, 'open', s.allocation_id, s.device_id, s.case_id,
         s.jurisdiction, $1, NULL, $6
       FROM device_supervision s
       LEFT JOIN unnest($2::text[], $3::int[]) AS j(jurisdiction, hours) USING (jurisdiction)
       CROSS JOIN LATERAL (VALUES
         ('silent', s.last_heard_at < $1::timestamptz - make_interval(hours => COALESCE(j.hours, $4))),
         ('test_missed', s.last_tested_at < $1::timestamptz - make_interval(days => $5))
       ) AS k(kind, due)
       WHERE k.due
       ON CONFLICT (allocation_id, kind) WHERE status <> 'resolved' DO NOTHING
       RETURNING id, kind, allocation_id AS "allocationId", case_id AS "caseId", jurisdiction`,
      [
        now,
        Object.keys(byJurisdiction),
        Object.values(byJurisdiction),
        defaultHours,
        testDays,
        escalateAt,
      ],
    );
  }

  /** Unacknowledged alerts past their escalation time: one level up, next time set. */
  async escalate(
    manager: EntityManager,
    now: Date,
    next: Date,
  ): Promise<(OpenedAlert & { escalationLevel: number })[]> {
    const [rows]: [(OpenedAlert & { escalationLevel: number })[], number] = await manager.query(
      `UPDATE technical_alert SET escalation_level = escalation_level + 1, next_escalation_at = $2
       WHERE id IN (SELECT id FROM technical_alert WHERE status = 'open' AND next_escalation_at <= $1
                    ORDER BY next_escalation_at LIMIT 500 FOR UPDATE SKIP LOCKED)
       RETURNING id, kind, allocation_id AS "allocationId", case_id AS "caseId", jurisdiction,
         escalation_level AS "escalationLevel"`,
      [now, next],
    );
    return rows;
  }

  /** The queue: unresolved first, the oldest on top; resolved ones after, the latest first. */
  async list(query: AlertQuery): Promise<Page<TechnicalAlert>> {
    const rows: (Record<string, unknown> & { total: string })[] = await this.db.query(
      `SELECT *, count(*) OVER () AS total FROM technical_alert
       WHERE ($1::text[] IS NULL OR jurisdiction = ANY($1)) AND ($2::text IS NULL OR status = $2)
         AND ($3::text IS NULL OR kind = $3) AND ($6::uuid[] IS NULL OR case_id = ANY($6))
       ORDER BY (status = 'resolved'), CASE WHEN status <> 'resolved' THEN opened_at END,
         resolved_at DESC, id
       LIMIT $4 OFFSET $5`,
      [
        query.jurisdictions,
        query.status ?? null,
        query.kind ?? null,
        query.pageSize,
        (query.page - 1) * query.pageSize,
        query.caseIds ?? null,
      ],
    );
    const repository = this.db.getRepository(TechnicalAlert);
    const items = rows.map((row) =>
      repository.create(
        repository.metadata.columns.reduce<Partial<TechnicalAlert>>(
          (entity, column) => ({ ...entity, [column.propertyName]: row[column.databaseName] }),
          {},
        ),
      ),
    );
    return {
      items,
      total: Number(rows[0]?.total ?? 0),
      page: query.page,
      pageSize: query.pageSize,
    };
  }
}
