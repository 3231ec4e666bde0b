import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The coordinator's display name on the case (issue #16): the prosecutor's report names the
 * coordinator instead of quoting a token subject. Staff names are not victim data: clear, nullable
 * (unknown when the identity provider gives no `name` claim, and for cases opened before).
 */
export class CoordinatorName1765100000000 implements MigrationInterface {
  name = 'CoordinatorName1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "case_file" ADD "coordinator_name" character varying(200)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "case_file" DROP COLUMN "coordinator_name"`);
  }
}
