import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Device events, alarms, their track, operators on duty and their push tokens, the push outbox and
 * its attempts. No foreign keys on the ingestion path: an event is stored even when it names nothing
 * known (it is then a fault for the operators to look at).
 */
export class AlarmsPush1764300000000 implements MigrationInterface {
  name = 'AlarmsPush1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "alarm_track_point" ("id" BIGSERIAL NOT NULL, "alarm_id" uuid NOT NULL, "occurred_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "position_sealed" text NOT NULL, PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "alarm_track_point_alarm_idx" ON "alarm_track_point" ("alarm_id", "occurred_at") `,
    );
    await q.query(
      `CREATE TABLE "alarm" ("id" uuid NOT NULL, "case_id" uuid NOT NULL, "allocation_id" uuid NOT NULL, "device_id" uuid NOT NULL, "jurisdiction" character varying(32) NOT NULL, "status" character varying(16) NOT NULL, "opened_by_event" uuid NOT NULL, "occurred_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "received_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "first_pushed_at" TIMESTAMP(3) WITH TIME ZONE, "acknowledged_at" TIMESTAMP(3) WITH TIME ZONE, "acknowledged_by" character varying(200), "police_called_at" TIMESTAMP(3) WITH TIME ZONE, "resolved_at" TIMESTAMP(3) WITH TIME ZONE, "resolved_by" character varying(200), "outcome" character varying(16), "notes_sealed" text, "escalation_level" smallint NOT NULL DEFAULT '0', "next_escalation_at" TIMESTAMP(3) WITH TIME ZONE, "danger_level" character varying(64), "case_reference" character varying(40) NOT NULL, "version" integer NOT NULL, CONSTRAINT "alarm_status_check" CHECK ("status" IN ('open', 'acknowledged', 'resolved')), PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "alarm_jurisdiction_status_idx" ON "alarm" ("jurisdiction", "status", "received_at") `,
    );
    await q.query(
      `CREATE INDEX "alarm_escalation_due_idx" ON "alarm" ("next_escalation_at") WHERE "status" = 'open'`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "alarm_allocation_unresolved_key" ON "alarm" ("allocation_id") WHERE "status" <> 'resolved'`,
    );
    await q.query(
      `CREATE TABLE "device_event" ("id" uuid NOT NULL, "gateway_id" character varying(200) NOT NULL, "event_id" character varying(128) NOT NULL, "type" character varying(16), "device_id" uuid, "allocation_id" uuid, "jurisdiction" character varying(32), "alarm_id" uuid, "occurred_at" TIMESTAMP(3) WITH TIME ZONE, "received_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "outcome" character varying(16) NOT NULL, "rejection" character varying(64), "raw_sealed" text NOT NULL, "response_status" smallint NOT NULL, "response_body" jsonb NOT NULL, PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "device_event_rejected_idx" ON "device_event" ("outcome", "received_at") `,
    );
    await q.query(
      `CREATE INDEX "device_event_device_idx" ON "device_event" ("device_id", "occurred_at") `,
    );
    await q.query(
      `CREATE UNIQUE INDEX "device_event_gateway_event_key" ON "device_event" ("gateway_id", "event_id") `,
    );
    await q.query(
      `CREATE TABLE "operator_duty" ("operator_id" character varying(200) NOT NULL, "on_duty" boolean NOT NULL, "supervisor" boolean NOT NULL DEFAULT false, "jurisdictions" text array NOT NULL, "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, PRIMARY KEY ("operator_id"))`,
    );
    await q.query(
      `CREATE TABLE "push_attempt" ("id" BIGSERIAL NOT NULL, "delivery_id" uuid NOT NULL, "attempted_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "duration_ms" integer NOT NULL, "outcome" character varying(16) NOT NULL, "error_code" character varying(100), "message_id" character varying(200), PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "push_attempt_delivery_idx" ON "push_attempt" ("delivery_id", "attempted_at") `,
    );
    await q.query(
      `CREATE TABLE "push_delivery" ("id" uuid NOT NULL, "alarm_id" uuid NOT NULL, "escalation_level" smallint NOT NULL, "operator_id" character varying(200) NOT NULL, "token" character varying(4096) NOT NULL, "payload" jsonb NOT NULL, "status" character varying(16) NOT NULL, "attempts" smallint NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "sent_at" TIMESTAMP(3) WITH TIME ZONE, "last_error" character varying(200), CONSTRAINT "push_delivery_status_check" CHECK ("status" IN ('pending', 'sent', 'dropped', 'cancelled')), PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "push_delivery_due_idx" ON "push_delivery" ("next_attempt_at") WHERE "status" = 'pending'`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "push_delivery_key" ON "push_delivery" ("alarm_id", "escalation_level", "token") `,
    );
    await q.query(
      `CREATE TABLE "push_token" ("id" uuid NOT NULL, "operator_id" character varying(200) NOT NULL, "token" character varying(4096) NOT NULL, "platform" character varying(16) NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "push_token_token_key" UNIQUE ("token"), PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "push_token_operator_idx" ON "push_token" ("operator_id") `);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'push_attempt',
      'push_delivery',
      'push_token',
      'operator_duty',
      'alarm_track_point',
      'alarm',
      'device_event',
    ]) {
      await q.query(`DROP TABLE "${table}"`);
    }
  }
}
