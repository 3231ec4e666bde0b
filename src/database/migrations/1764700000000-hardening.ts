import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hardening (issue #12): an actor may hold several roles, all of them recorded; every audit record
 * of something that belongs to a case names the case, so its whole trail can be read.
 */
export class Hardening1764700000000 implements MigrationInterface {
  name = 'Hardening1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "audit_record" ALTER COLUMN "actor_role" TYPE text`);
    await q.query(`ALTER TABLE "audit_record" ADD "case_id" uuid`);
    await q.query(
      `CREATE INDEX "audit_record_case_idx" ON "audit_record" ("case_id", "occurred_at") `,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "audit_record_case_idx"`);
    await q.query(`ALTER TABLE "audit_record" DROP COLUMN "case_id"`);
    await q.query(
      `ALTER TABLE "audit_record" ALTER COLUMN "actor_role" TYPE varchar(32) USING left("actor_role", 32)`,
    );
  }
}
