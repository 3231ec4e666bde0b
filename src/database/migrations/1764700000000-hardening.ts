import { MigrationInterface, QueryRunner } from 'typeorm';

/** Hardening (issue #12): an actor may hold several roles, all of them recorded. */
export class Hardening1764700000000 implements MigrationInterface {
  name = 'Hardening1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "audit_record" ALTER COLUMN "actor_role" TYPE text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "audit_record" ALTER COLUMN "actor_role" TYPE varchar(32) USING left("actor_role", 32)`,
    );
  }
}
