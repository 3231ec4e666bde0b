import { MigrationInterface, QueryRunner } from 'typeorm';

/** Concertation meetings of a network and the actions they assign to partners (issue #17). */
export class Concertation1765600000000 implements MigrationInterface {
  name = 'Concertation1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "concertation_meeting" ("id" uuid NOT NULL, "network_id" character varying(64) NOT NULL, "network_name" character varying(200) NOT NULL, "network_jurisdictions" jsonb NOT NULL, "jurisdiction" character varying(32) NOT NULL, "kind" character varying(24) NOT NULL, "scheduled_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "coordinator_id" character varying(200) NOT NULL, "coordinator_name" character varying(200), "agenda" jsonb NOT NULL, "participants" jsonb NOT NULL, "decisions_sealed" text NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "version" integer NOT NULL, CONSTRAINT "concertation_meeting_kind_check" CHECK ("kind" IN ('concertation_cell', 'partners_platform', 'risk_meeting')), PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "concertation_meeting_jurisdiction_idx" ON "concertation_meeting" ("jurisdiction", "scheduled_at") `,
    );
    await q.query(
      `CREATE TABLE "concertation_action" ("id" uuid NOT NULL, "meeting_id" uuid NOT NULL, "case_id" uuid NOT NULL, "case_reference" character varying(40) NOT NULL, "jurisdiction" character varying(32) NOT NULL, "partner_id" character varying(64) NOT NULL, "partner_name" character varying(200) NOT NULL, "due_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "status" character varying(8) NOT NULL, "description_sealed" text NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "created_by" character varying(200) NOT NULL, "done_at" TIMESTAMP(3) WITH TIME ZONE, "done_by" character varying(200), "version" integer NOT NULL, CONSTRAINT "concertation_action_status_check" CHECK ("status" IN ('open', 'done')), PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "concertation_action_meeting_idx" ON "concertation_action" ("meeting_id", "created_at") `,
    );
    await q.query(
      `CREATE INDEX "concertation_action_partner_idx" ON "concertation_action" ("partner_id", "due_at") `,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "concertation_action_partner_idx"`);
    await q.query(`DROP INDEX "concertation_action_meeting_idx"`);
    await q.query(`DROP TABLE "concertation_action"`);
    await q.query(`DROP INDEX "concertation_meeting_jurisdiction_idx"`);
    await q.query(`DROP TABLE "concertation_meeting"`);
  }
}
