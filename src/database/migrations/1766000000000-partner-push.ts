import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A partner's staff register their phones too (issue #17): the partner organisation their token
 * named is kept with the phone, so a new referral or concertation action reaches that
 * organisation's phones only.
 */
export class PartnerPush1766000000000 implements MigrationInterface {
  name = 'PartnerPush1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "push_token" ADD "partner_id" character varying(64)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "push_token" WHERE "partner_id" IS NOT NULL`);
    await q.query(`ALTER TABLE "push_token" DROP COLUMN "partner_id"`);
  }
}
