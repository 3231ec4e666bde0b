import { MigrationInterface, QueryRunner } from 'typeorm';

/** Follow-up obligations, their notifications, and the allocations they follow (issue #6). */
export class Obligations1764400000000 implements MigrationInterface {
  name = 'Obligations1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "follow_up_obligation" ("id" uuid NOT NULL, "case_id" uuid NOT NULL, "allocation_id" uuid NOT NULL, "jurisdiction" character varying(32) NOT NULL, "template_id" character varying(100) NOT NULL, "template_version" character varying(200) NOT NULL, "source_id" character varying(64) NOT NULL, "sequence" integer NOT NULL, "responsible" character varying(16) NOT NULL, "completed_by" character varying(20) NOT NULL, "due_from" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "due_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "state" character varying(10) NOT NULL, "status" character varying(10) NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "closed_at" TIMESTAMP(3) WITH TIME ZONE, "closed_by" character varying(200), "note_sealed" text, CONSTRAINT "follow_up_obligation_state_check" CHECK ("state" IN ('upcoming', 'due', 'overdue')), CONSTRAINT "follow_up_obligation_status_check" CHECK ("status" IN ('open', 'completed', 'waived', 'cancelled')), PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "follow_up_obligation_case_idx" ON "follow_up_obligation" ("case_id", "due_at") `,
    );
    await q.query(
      `CREATE INDEX "follow_up_obligation_worklist_idx" ON "follow_up_obligation" ("jurisdiction", "due_at") WHERE "status" = 'open'`,
    );
    await q.query(
      `CREATE INDEX "follow_up_obligation_becoming_overdue_idx" ON "follow_up_obligation" ("due_at") WHERE "status" = 'open' AND "state" <> 'overdue'`,
    );
    await q.query(
      `CREATE INDEX "follow_up_obligation_becoming_due_idx" ON "follow_up_obligation" ("due_from") WHERE "status" = 'open' AND "state" = 'upcoming'`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "follow_up_obligation_key" ON "follow_up_obligation" ("allocation_id", "template_id", "source_id", "sequence") `,
    );
    await q.query(
      `CREATE TABLE "obligation_notification" ("id" uuid NOT NULL, "obligation_id" uuid NOT NULL, "state" character varying(10) NOT NULL, "responsible" character varying(16) NOT NULL, "jurisdiction" character varying(32) NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "obligation_notification_jurisdiction_idx" ON "obligation_notification" ("jurisdiction", "created_at") `,
    );
    await q.query(
      `CREATE UNIQUE INDEX "obligation_notification_key" ON "obligation_notification" ("obligation_id", "state") `,
    );
    await q.query(
      `CREATE TABLE "obligation_allocation" ("allocation_id" uuid NOT NULL, "case_id" uuid NOT NULL, "jurisdiction" character varying(32) NOT NULL, "ends_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "active" boolean NOT NULL, PRIMARY KEY ("allocation_id"))`,
    );
    await q.query(
      `CREATE INDEX "obligation_allocation_case_active_idx" ON "obligation_allocation" ("case_id") WHERE "active"`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'obligation_allocation',
      'obligation_notification',
      'follow_up_obligation',
    ])
      await q.query(`DROP TABLE "${table}"`);
  }
}
