import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Referrals with consent (issue #17): the `referral` table, and obligations that belong to a case
 * without a TGD allocation (following a partner up after a referral). Their allocation becomes
 * nullable; a second unique key keeps a repeated event harmless for them (NULLs never collide in
 * the first).
 */
export class Referrals1765400000000 implements MigrationInterface {
  name = 'Referrals1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "referral" ("id" uuid NOT NULL, "case_id" uuid NOT NULL, "case_reference" character varying(40) NOT NULL, "jurisdiction" character varying(32) NOT NULL, "partner_id" character varying(64) NOT NULL, "partner_name" character varying(200) NOT NULL, "service" character varying(32) NOT NULL, "status" character varying(20) NOT NULL, "sent_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "sent_by" character varying(200) NOT NULL, "answered_at" TIMESTAMP(3) WITH TIME ZONE, "ended_at" TIMESTAMP(3) WITH TIME ZONE, "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "content_sealed" text NOT NULL, "version" integer NOT NULL, CONSTRAINT "referral_status_check" CHECK ("status" IN ('sent', 'accepted', 'declined', 'closed', 'consent_withdrawn')), PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "referral_case_idx" ON "referral" ("case_id", "sent_at") `);
    await q.query(`CREATE INDEX "referral_partner_idx" ON "referral" ("partner_id", "sent_at") `);
    await q.query(`ALTER TABLE "follow_up_obligation" ALTER COLUMN "allocation_id" DROP NOT NULL`);
    await q.query(
      `CREATE UNIQUE INDEX "follow_up_obligation_case_key" ON "follow_up_obligation" ("case_id", "template_id", "source_id", "sequence") WHERE "allocation_id" IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "follow_up_obligation_case_key"`);
    await q.query(
      `DELETE FROM "obligation_notification" WHERE "obligation_id" IN (SELECT "id" FROM "follow_up_obligation" WHERE "allocation_id" IS NULL)`,
    );
    await q.query(`DELETE FROM "follow_up_obligation" WHERE "allocation_id" IS NULL`);
    await q.query(`ALTER TABLE "follow_up_obligation" ALTER COLUMN "allocation_id" SET NOT NULL`);
    await q.query(`DROP INDEX "referral_partner_idx"`);
    await q.query(`DROP INDEX "referral_case_idx"`);
    await q.query(`DROP TABLE "referral"`);
  }
}
