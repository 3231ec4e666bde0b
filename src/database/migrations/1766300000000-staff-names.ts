import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff named on what they decided (issue #16): the coordinator who filed a TGD request, the
 * prosecutor who decided it and whoever overrode an assessment's level, by the name their sign-in
 * gave (staff, not victim data), so that the report and the decision print a name rather than a
 * token subject. Rows written before keep their subject only.
 */
export class StaffNames1766300000000 implements MigrationInterface {
  name = 'StaffNames1766300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "tgd_request" ADD "filed_by_name" character varying(200)`);
    await q.query(`ALTER TABLE "tgd_request" ADD "decided_by_name" character varying(200)`);
    await q.query(`ALTER TABLE "assessment" ADD "overridden_by_name" character varying(200)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "assessment" DROP COLUMN "overridden_by_name"`);
    await q.query(`ALTER TABLE "tgd_request" DROP COLUMN "decided_by_name"`);
    await q.query(`ALTER TABLE "tgd_request" DROP COLUMN "filed_by_name"`);
  }
}
