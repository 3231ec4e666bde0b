import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Positions kept no longer than the law allows (issue #15; arrêté of 22 April 2015 on the TGD,
 * art. 5): the prosecutor's authorisation to keep a track 8 days, the date by which a returned
 * device's track goes, and what the purge needs to find what it erases.
 */
export class PositionRetention1765000000000 implements MigrationInterface {
  name = 'PositionRetention1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "alarm" ADD "track_kept_at" TIMESTAMP(3) WITH TIME ZONE`);
    await q.query(`ALTER TABLE "alarm" ADD "track_kept_by" character varying(200)`);
    await q.query(`ALTER TABLE "alarm" ADD "track_erase_by" TIMESTAMP(3) WITH TIME ZONE`);
    await q.query(
      `ALTER TABLE "device_event" ADD "positions_erased_at" TIMESTAMP(3) WITH TIME ZONE`,
    );
    // Retention counts from receipt; points stored before it knew count from their own time.
    await q.query(`ALTER TABLE "alarm_track_point" ADD "recorded_at" TIMESTAMP(3) WITH TIME ZONE`);
    await q.query(`UPDATE "alarm_track_point" SET "recorded_at" = "occurred_at"`);
    await q.query(`ALTER TABLE "alarm_track_point" ALTER COLUMN "recorded_at" SET NOT NULL`);
    await q.query(
      `CREATE INDEX "alarm_track_point_recorded_idx" ON "alarm_track_point" ("recorded_at") `,
    );
    // Supervision asks when each device was last heard: one index lookup per device.
    await q.query(
      `CREATE INDEX "device_event_heard_idx" ON "device_event" ("device_id", "received_at") WHERE "outcome" = 'accepted'`,
    );
    await q.query(
      `CREATE INDEX "device_event_positions_idx" ON "device_event" ("received_at") WHERE "positions_erased_at" IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "device_event_positions_idx"`);
    await q.query(`DROP INDEX "device_event_heard_idx"`);
    await q.query(`DROP INDEX "alarm_track_point_recorded_idx"`);
    await q.query(`ALTER TABLE "alarm_track_point" DROP COLUMN "recorded_at"`);
    await q.query(`ALTER TABLE "device_event" DROP COLUMN "positions_erased_at"`);
    await q.query(`ALTER TABLE "alarm" DROP COLUMN "track_erase_by"`);
    await q.query(`ALTER TABLE "alarm" DROP COLUMN "track_kept_by"`);
    await q.query(`ALTER TABLE "alarm" DROP COLUMN "track_kept_at"`);
  }
}
