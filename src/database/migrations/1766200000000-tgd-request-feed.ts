import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The TGD requests' live journal (issue #16): a request filed or decided, in the writer's
 * transaction, read by every instance in one order and followed by the prosecutors' consoles, so
 * that they learn of a new request without polling. A NOTIFY wakes the instances up.
 */
export class TgdRequestFeed1766200000000 implements MigrationInterface {
  name = 'TgdRequestFeed1766200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "tgd_request_feed" ("id" BIGSERIAL NOT NULL, "tx" bigint NOT NULL, "request_id" uuid NOT NULL, "jurisdiction" character varying(32) NOT NULL, "event" jsonb NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "tgd_request_feed_order_idx" ON "tgd_request_feed" ("tx", "id")`);
    await q.query(
      `CREATE INDEX "tgd_request_feed_created_idx" ON "tgd_request_feed" ("created_at")`,
    );
    await q.query(
      `CREATE FUNCTION "tgd_request_feed_notify"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_notify('tgd_request_feed', ''); RETURN NULL; END $$`,
    );
    await q.query(
      `CREATE TRIGGER "tgd_request_feed_notify" AFTER INSERT ON "tgd_request_feed" FOR EACH STATEMENT EXECUTE FUNCTION "tgd_request_feed_notify"()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "tgd_request_feed"`);
    await q.query(`DROP FUNCTION "tgd_request_feed_notify"()`);
  }
}
