import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hardening (issue #12): an actor may hold several roles, all of them recorded; every audit record
 * of something that belongs to a case names the case, so its whole trail can be read; a hash chain
 * over the trail makes tampering visible even to the tables' owner.
 */
export class Hardening1764700000000 implements MigrationInterface {
  name = 'Hardening1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "audit_record" ALTER COLUMN "actor_role" TYPE text`);
    await q.query(`ALTER TABLE "audit_record" ADD "case_id" uuid`);
    await q.query(
      `CREATE INDEX "audit_record_case_idx" ON "audit_record" ("case_id", "occurred_at") `,
    );
    // The hash chain: records are linked in the order their transactions committed.
    await q.query(`ALTER TABLE "audit_record" ADD "tx" bigint`);
    await q.query(`CREATE INDEX "audit_record_chain_idx" ON "audit_record" ("tx", "id") `);
    await q.query(
      `CREATE TABLE "audit_chain" ("position" BIGSERIAL NOT NULL, "record_id" bigint NOT NULL, "hash" character(64) NOT NULL, PRIMARY KEY ("position"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "audit_chain_record_key" ON "audit_chain" ("record_id") `);
    await q.query(
      `CREATE TRIGGER "audit_chain_append_only" BEFORE UPDATE OR DELETE ON "audit_chain" FOR EACH ROW EXECUTE FUNCTION "audit_record_refuse_change"()`,
    );
    await q.query(
      `CREATE TRIGGER "audit_chain_no_truncate" BEFORE TRUNCATE ON "audit_chain" FOR EACH STATEMENT EXECUTE FUNCTION "audit_record_refuse_change"()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "audit_chain"`);
    await q.query(`DROP INDEX "audit_record_chain_idx"`);
    await q.query(`ALTER TABLE "audit_record" DROP COLUMN "tx"`);
    await q.query(`DROP INDEX "audit_record_case_idx"`);
    await q.query(`ALTER TABLE "audit_record" DROP COLUMN "case_id"`);
    await q.query(
      `ALTER TABLE "audit_record" ALTER COLUMN "actor_role" TYPE varchar(32) USING left("actor_role", 32)`,
    );
  }
}
