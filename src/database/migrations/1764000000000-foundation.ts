import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "case_file" (
        "id" uuid NOT NULL,
        "reference" varchar(40) NOT NULL,
        "jurisdiction" varchar(32) NOT NULL,
        "status" varchar(16) NOT NULL,
        "coordinator_id" varchar(200) NOT NULL,
        "victim_sealed" text NOT NULL,
        "author_sealed" text,
        "children_sealed" text NOT NULL,
        "close_reason_sealed" text,
        "created_at" timestamptz(3) NOT NULL,
        "updated_at" timestamptz(3) NOT NULL,
        "closed_at" timestamptz(3),
        "version" integer NOT NULL,
        CONSTRAINT "case_file_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "case_file_reference_key" UNIQUE ("reference"),
        CONSTRAINT "case_file_status_check" CHECK ("status" IN ('open', 'enrolled', 'closed'))
      )`);
    await q.query(
      `CREATE INDEX "case_file_jurisdiction_status_idx" ON "case_file" ("jurisdiction", "status", "created_at")`,
    );

    await q.query(`
      CREATE TABLE "audit_record" (
        "id" bigserial NOT NULL,
        "occurred_at" timestamptz(3) NOT NULL,
        "actor_id" varchar(200) NOT NULL,
        "actor_role" varchar(32) NOT NULL,
        "action" varchar(64) NOT NULL,
        "entity_type" varchar(64) NOT NULL,
        "entity_id" uuid,
        "jurisdiction" varchar(32),
        "request_id" varchar(100),
        "outcome" varchar(16) NOT NULL,
        "detail" jsonb,
        CONSTRAINT "audit_record_pkey" PRIMARY KEY ("id")
      )`);
    await q.query(
      `CREATE INDEX "audit_record_entity_idx" ON "audit_record" ("entity_id", "occurred_at")`,
    );
    await q.query(
      `CREATE INDEX "audit_record_actor_idx" ON "audit_record" ("actor_id", "occurred_at")`,
    );
    // Append-only in the database itself, whatever the application does.
    await q.query(`
      CREATE FUNCTION "audit_record_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_record is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER "audit_record_append_only" BEFORE UPDATE OR DELETE ON "audit_record"
      FOR EACH ROW EXECUTE FUNCTION "audit_record_refuse_change"()`);
    await q.query(`
      CREATE TRIGGER "audit_record_no_truncate" BEFORE TRUNCATE ON "audit_record"
      FOR EACH STATEMENT EXECUTE FUNCTION "audit_record_refuse_change"()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "audit_record"`);
    await q.query(`DROP FUNCTION "audit_record_refuse_change"()`);
    await q.query(`DROP TABLE "case_file"`);
  }
}
