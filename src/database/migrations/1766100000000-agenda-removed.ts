import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The cases a coordinator took off a meeting's agenda: proposing the agenda again leaves them off
 * (adding one by hand puts it back). Meetings scheduled before have none.
 */
export class AgendaRemoved1766100000000 implements MigrationInterface {
  name = 'AgendaRemoved1766100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "concertation_meeting" ADD "removed_case_ids" uuid array NOT NULL DEFAULT '{}'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "concertation_meeting" DROP COLUMN "removed_case_ids"`);
  }
}
