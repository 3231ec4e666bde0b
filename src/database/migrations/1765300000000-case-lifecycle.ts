import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Intake, repeats, transfers and closure decisions of a case (issue #17). Cases opened before have
 * no intake (unknown: nulls), are known from their creation (`last_known_at`), and have no
 * identity keys until their victim is next written (the repeat rule then finds them). Incidents,
 * closures, reopenings and transfers go to `case_event`, the blind index to `victim_identity_key`;
 * both are the case's own data and go with it when a case is erased.
 */
export class CaseLifecycle1765300000000 implements MigrationInterface {
  name = 'CaseLifecycle1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "case_file"
      ADD "close_reason_code" character varying(40),
      ADD "intake_channel" character varying(24),
      ADD "intake_partner_id" character varying(64),
      ADD "intake_received_at" TIMESTAMP(3) WITH TIME ZONE,
      ADD "intake_taken_by_id" character varying(200),
      ADD "intake_taken_by_name" character varying(200),
      ADD "last_known_at" TIMESTAMP(3) WITH TIME ZONE,
      ADD "repeat_case_ids" uuid array NOT NULL DEFAULT '{}',
      ADD "repeat_checked_at" TIMESTAMP(3) WITH TIME ZONE,
      ADD "transfer_to" character varying(32),
      ADD "transfer_requested_at" TIMESTAMP(3) WITH TIME ZONE,
      ADD "transfer_requested_by" character varying(200),
      ADD "transfer_reason_sealed" text`);
    await q.query(`UPDATE "case_file" SET "last_known_at" = "created_at"`);
    await q.query(`ALTER TABLE "case_file" ALTER COLUMN "last_known_at" SET NOT NULL`);
    await q.query(
      `CREATE INDEX "case_file_transfer_to_idx" ON "case_file" ("transfer_to") WHERE "transfer_to" IS NOT NULL`,
    );
    await q.query(`CREATE TABLE "case_event" (
      "id" uuid NOT NULL,
      "case_id" uuid NOT NULL,
      "kind" character varying(24) NOT NULL,
      "occurred_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
      "recorded_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
      "actor_id" character varying(200) NOT NULL,
      "actor_name" character varying(200),
      "detail" jsonb NOT NULL DEFAULT '{}',
      "note_sealed" text,
      CONSTRAINT "case_event_kind_check" CHECK ("kind" IN ('incident', 'closed', 'reopened', 'transfer_requested', 'transfer_accepted', 'transfer_declined')),
      CONSTRAINT "case_event_pkey" PRIMARY KEY ("id"),
      CONSTRAINT "case_event_case_fk" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE CASCADE ON UPDATE NO ACTION
    )`);
    await q.query(`CREATE INDEX "case_event_case_idx" ON "case_event" ("case_id", "recorded_at")`);
    await q.query(`CREATE TABLE "victim_identity_key" (
      "case_id" uuid NOT NULL,
      "kind" character varying(16) NOT NULL,
      "digest" character(64) NOT NULL,
      CONSTRAINT "victim_identity_key_pkey" PRIMARY KEY ("case_id", "kind"),
      CONSTRAINT "victim_identity_key_case_fk" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE CASCADE ON UPDATE NO ACTION
    )`);
    await q.query(
      `CREATE INDEX "victim_identity_key_digest_idx" ON "victim_identity_key" ("digest")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "victim_identity_key"`);
    await q.query(`DROP TABLE "case_event"`);
    await q.query(`DROP INDEX "case_file_transfer_to_idx"`);
    await q.query(`ALTER TABLE "case_file"
      DROP COLUMN "close_reason_code",
      DROP COLUMN "intake_channel",
      DROP COLUMN "intake_partner_id",
      DROP COLUMN "intake_received_at",
      DROP COLUMN "intake_taken_by_id",
      DROP COLUMN "intake_taken_by_name",
      DROP COLUMN "last_known_at",
      DROP COLUMN "repeat_case_ids",
      DROP COLUMN "repeat_checked_at",
      DROP COLUMN "transfer_to",
      DROP COLUMN "transfer_requested_at",
      DROP COLUMN "transfer_requested_by",
      DROP COLUMN "transfer_reason_sealed"`);
  }
}
