import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Device supervision and technical alerts (issue #15). Devices already in victims' hands are
 * supervised from now: their silence is counted from this migration, not from their hand-over.
 */
export class DeviceSupervision1764900000000 implements MigrationInterface {
  name = 'DeviceSupervision1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "device_supervision" ("allocation_id" uuid NOT NULL, "device_id" uuid NOT NULL, "case_id" uuid NOT NULL, "jurisdiction" character varying(32) NOT NULL, "supervised_since" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "last_heard_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "last_tested_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, PRIMARY KEY ("allocation_id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "device_supervision_device_key" ON "device_supervision" ("device_id") `,
    );
    await q.query(
      `CREATE INDEX "device_supervision_heard_idx" ON "device_supervision" ("last_heard_at") `,
    );
    await q.query(
      `CREATE TABLE "technical_alert" ("id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "status" character varying(16) NOT NULL, "allocation_id" uuid NOT NULL, "device_id" uuid NOT NULL, "case_id" uuid NOT NULL, "jurisdiction" character varying(32) NOT NULL, "opened_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "opened_by_event" uuid, "escalation_level" integer NOT NULL DEFAULT 0, "next_escalation_at" TIMESTAMP(3) WITH TIME ZONE, "acknowledged_at" TIMESTAMP(3) WITH TIME ZONE, "acknowledged_by" character varying(200), "resolved_at" TIMESTAMP(3) WITH TIME ZONE, "resolved_by" character varying(200), "resolution" character varying(32), "note_sealed" text, CONSTRAINT "technical_alert_kind_check" CHECK ("kind" IN ('silent', 'low_battery', 'power_off', 'test_failed', 'test_missed')), CONSTRAINT "technical_alert_status_check" CHECK ("status" IN ('open', 'acknowledged', 'resolved')), PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "technical_alert_open_key" ON "technical_alert" ("allocation_id", "kind") WHERE "status" <> 'resolved'`,
    );
    await q.query(
      `CREATE INDEX "technical_alert_queue_idx" ON "technical_alert" ("jurisdiction", "opened_at") WHERE "status" <> 'resolved'`,
    );
    await q.query(
      `CREATE INDEX "technical_alert_escalation_idx" ON "technical_alert" ("next_escalation_at") WHERE "status" = 'open'`,
    );
    await q.query(
      `INSERT INTO "device_supervision" ("allocation_id", "device_id", "case_id", "jurisdiction", "supervised_since", "last_heard_at", "last_tested_at")
       SELECT a."id", d."device_id", a."case_id", a."jurisdiction", now(), now(), now()
       FROM "device_assignment" d JOIN "tgd_allocation" a ON a."id" = d."allocation_id"
       WHERE d."returned_at" IS NULL AND a."status" = 'active'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "technical_alert"`);
    await q.query(`DROP TABLE "device_supervision"`);
  }
}
