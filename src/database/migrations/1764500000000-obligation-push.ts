import { MigrationInterface, QueryRunner } from 'typeorm';

/** Obligation notifications pushed to the phones of coordinators and prosecutors (issue #6). */
export class ObligationPush1764500000000 implements MigrationInterface {
  name = 'ObligationPush1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "push_token" ADD "roles" text array NOT NULL DEFAULT '{operator}'`);
    await q.query(`ALTER TABLE "push_token" ADD "jurisdictions" text array NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE "push_delivery" ADD "notification_id" uuid`);
    await q.query(`ALTER TABLE "push_delivery" ALTER COLUMN "alarm_id" DROP NOT NULL`);
    await q.query(
      `CREATE UNIQUE INDEX "push_delivery_notification_key" ON "push_delivery" ("notification_id", "token") `,
    );
    await q.query(
      `ALTER TABLE "push_delivery" ADD CONSTRAINT "push_delivery_subject_check" CHECK (("alarm_id" IS NULL) <> ("notification_id" IS NULL))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "push_delivery" DROP CONSTRAINT "push_delivery_subject_check"`);
    await q.query(`DROP INDEX "public"."push_delivery_notification_key"`);
    await q.query(`DELETE FROM "push_delivery" WHERE "alarm_id" IS NULL`);
    await q.query(`ALTER TABLE "push_delivery" ALTER COLUMN "alarm_id" SET NOT NULL`);
    await q.query(`ALTER TABLE "push_delivery" DROP COLUMN "notification_id"`);
    await q.query(`ALTER TABLE "push_token" DROP COLUMN "jurisdictions"`);
    await q.query(`ALTER TABLE "push_token" DROP COLUMN "roles"`);
  }
}
