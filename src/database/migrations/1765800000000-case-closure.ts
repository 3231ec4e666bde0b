import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Closing a case ends what hangs on it (`case.closed`): a referral still waiting for the partner's
 * answer becomes `case_closed`, an open concertation action `cancelled` (its status column widened
 * to hold the word). Housing requests and obligations already had `cancelled`. Going back, rows in
 * the new statuses are deleted, as earlier migrations drop what their schema cannot hold.
 */
export class CaseClosure1765800000000 implements MigrationInterface {
  name = 'CaseClosure1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "referral" DROP CONSTRAINT "referral_status_check"`);
    await q.query(
      `ALTER TABLE "referral" ADD CONSTRAINT "referral_status_check" CHECK ("status" IN ('sent', 'accepted', 'declined', 'closed', 'consent_withdrawn', 'case_closed'))`,
    );
    await q.query(
      `ALTER TABLE "concertation_action" DROP CONSTRAINT "concertation_action_status_check"`,
    );
    await q.query(
      `ALTER TABLE "concertation_action" ALTER COLUMN "status" TYPE character varying(16)`,
    );
    await q.query(
      `ALTER TABLE "concertation_action" ADD CONSTRAINT "concertation_action_status_check" CHECK ("status" IN ('open', 'done', 'cancelled'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "concertation_action" WHERE "status" = 'cancelled'`);
    await q.query(
      `ALTER TABLE "concertation_action" DROP CONSTRAINT "concertation_action_status_check"`,
    );
    await q.query(
      `ALTER TABLE "concertation_action" ALTER COLUMN "status" TYPE character varying(8)`,
    );
    await q.query(
      `ALTER TABLE "concertation_action" ADD CONSTRAINT "concertation_action_status_check" CHECK ("status" IN ('open', 'done'))`,
    );
    await q.query(`DELETE FROM "referral" WHERE "status" = 'case_closed'`);
    await q.query(`ALTER TABLE "referral" DROP CONSTRAINT "referral_status_check"`);
    await q.query(
      `ALTER TABLE "referral" ADD CONSTRAINT "referral_status_check" CHECK ("status" IN ('sent', 'accepted', 'declined', 'closed', 'consent_withdrawn'))`,
    );
  }
}
