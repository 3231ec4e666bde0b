import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The alarm path under fire (issue #11):
 * - a push's lease is its own column, short and renewed while the send is in flight, apart from the
 *   backoff time, so that a crash is recovered in seconds and a recovered FCM can be retried at once;
 * - the alarm feed journal: every change an operator's console shows, in the writer's transaction,
 *   read by every instance in one order (writing transaction's id, then row id), a NOTIFY waking
 *   them up.
 */
export class AlarmPathUnderFire1764600000000 implements MigrationInterface {
  name = 'AlarmPathUnderFire1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "push_delivery" ADD "lease_until" TIMESTAMP(3) WITH TIME ZONE`);
    await q.query(
      `CREATE TABLE "alarm_feed" ("id" BIGSERIAL NOT NULL, "tx" bigint NOT NULL, "alarm_id" uuid NOT NULL, "jurisdiction" character varying(32) NOT NULL, "event" jsonb NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "alarm_feed_order_idx" ON "alarm_feed" ("tx", "id")`);
    await q.query(`CREATE INDEX "alarm_feed_created_idx" ON "alarm_feed" ("created_at")`);
    await q.query(
      `CREATE FUNCTION "alarm_feed_notify"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_notify('alarm_feed', ''); RETURN NULL; END $$`,
    );
    await q.query(
      `CREATE TRIGGER "alarm_feed_notify" AFTER INSERT ON "alarm_feed" FOR EACH STATEMENT EXECUTE FUNCTION "alarm_feed_notify"()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "alarm_feed"`);
    await q.query(`DROP FUNCTION "alarm_feed_notify"()`);
    await q.query(`ALTER TABLE "push_delivery" DROP COLUMN "lease_until"`);
  }
}
