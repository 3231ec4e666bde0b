import { MigrationInterface, QueryRunner } from 'typeorm';

export class Assessments1764100000000 implements MigrationInterface {
  name = 'Assessments1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "questionnaire_version" (
        "hash" char(64) NOT NULL,
        "questionnaire_id" varchar(64) NOT NULL,
        "version" varchar(32) NOT NULL,
        "definition" jsonb NOT NULL,
        "first_loaded_at" timestamptz(3) NOT NULL,
        CONSTRAINT "questionnaire_version_pkey" PRIMARY KEY ("hash")
      )`);
    await q.query(
      `CREATE INDEX "questionnaire_version_id_idx" ON "questionnaire_version" ("questionnaire_id", "version")`,
    );
    await q.query(`
      CREATE TABLE "assessment" (
        "id" uuid NOT NULL,
        "case_id" uuid NOT NULL,
        "jurisdiction" varchar(32) NOT NULL,
        "questionnaire_id" varchar(64) NOT NULL,
        "questionnaire_version" varchar(32) NOT NULL,
        "questionnaire_hash" char(64) NOT NULL,
        "language" varchar(2) NOT NULL,
        "status" varchar(16) NOT NULL,
        "answers_sealed" text NOT NULL,
        "result_sealed" text,
        "score" numeric,
        "computed_level" varchar(64),
        "level" varchar(64),
        "level_rank" smallint,
        "level_count" smallint,
        "incomplete" boolean,
        "override_level" varchar(64),
        "override_justification_sealed" text,
        "overridden_by" varchar(200),
        "overridden_at" timestamptz(3),
        "previous_assessment_id" uuid,
        "superseded_by" uuid,
        "created_by" varchar(200) NOT NULL,
        "created_at" timestamptz(3) NOT NULL,
        "updated_at" timestamptz(3) NOT NULL,
        "submitted_by" varchar(200),
        "submitted_at" timestamptz(3),
        "version" integer NOT NULL,
        CONSTRAINT "assessment_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "assessment_status_check" CHECK ("status" IN ('draft', 'submitted')),
        CONSTRAINT "assessment_case_fk" FOREIGN KEY ("case_id") REFERENCES "case_file" ("id"),
        CONSTRAINT "assessment_questionnaire_fk" FOREIGN KEY ("questionnaire_hash")
          REFERENCES "questionnaire_version" ("hash"),
        CONSTRAINT "assessment_previous_fk" FOREIGN KEY ("previous_assessment_id") REFERENCES "assessment" ("id"),
        CONSTRAINT "assessment_superseded_fk" FOREIGN KEY ("superseded_by") REFERENCES "assessment" ("id")
      )`);
    await q.query(`CREATE INDEX "assessment_case_idx" ON "assessment" ("case_id", "created_at")`);
    // A submitted assessment is frozen: only the override and the supersede link may still change.
    await q.query(`
      CREATE FUNCTION "assessment_freeze_submitted"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD."status" = 'submitted' AND (
          NEW."status" IS DISTINCT FROM OLD."status" OR
          NEW."answers_sealed" IS DISTINCT FROM OLD."answers_sealed" OR
          NEW."result_sealed" IS DISTINCT FROM OLD."result_sealed" OR
          NEW."score" IS DISTINCT FROM OLD."score" OR
          NEW."computed_level" IS DISTINCT FROM OLD."computed_level" OR
          NEW."questionnaire_hash" IS DISTINCT FROM OLD."questionnaire_hash" OR
          NEW."case_id" IS DISTINCT FROM OLD."case_id" OR
          NEW."submitted_at" IS DISTINCT FROM OLD."submitted_at" OR
          (OLD."override_level" IS NOT NULL AND NEW."override_level" IS DISTINCT FROM OLD."override_level")
        ) THEN
          RAISE EXCEPTION 'assessment % is submitted and frozen', OLD."id" USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER "assessment_frozen" BEFORE UPDATE ON "assessment"
      FOR EACH ROW EXECUTE FUNCTION "assessment_freeze_submitted"()`);
    await q.query(`
      CREATE TRIGGER "assessment_no_delete" BEFORE DELETE ON "assessment"
      FOR EACH ROW WHEN (OLD."status" = 'submitted') EXECUTE FUNCTION "assessment_freeze_submitted"()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "assessment"`);
    await q.query(`DROP FUNCTION "assessment_freeze_submitted"()`);
    await q.query(`DROP TABLE "questionnaire_version"`);
  }
}
