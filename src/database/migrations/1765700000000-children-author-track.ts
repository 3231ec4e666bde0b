import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Children and the author's track (issue #17). Children stay in the case's sealed block (with their
 * follow-up), so no column changes: a migration cannot open sealed data, and children recorded
 * before get a stable id when read (domain/children.ts `legacyChildId`, from the case and their
 * place), stored at the case's next write; none is dropped. The history gains two kinds.
 */
export class ChildrenAuthorTrack1765700000000 implements MigrationInterface {
  name = 'ChildrenAuthorTrack1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "case_event" DROP CONSTRAINT "case_event_kind_check"`);
    await q.query(
      `ALTER TABLE "case_event" ADD CONSTRAINT "case_event_kind_check" CHECK ("kind" IN ('incident', 'closed', 'reopened', 'transfer_requested', 'transfer_accepted', 'transfer_declined', 'child_follow_up', 'author_track'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "case_event" WHERE "kind" IN ('child_follow_up', 'author_track')`);
    await q.query(`ALTER TABLE "case_event" DROP CONSTRAINT "case_event_kind_check"`);
    await q.query(
      `ALTER TABLE "case_event" ADD CONSTRAINT "case_event_kind_check" CHECK ("kind" IN ('incident', 'closed', 'reopened', 'transfer_requested', 'transfer_accepted', 'transfer_declined'))`,
    );
  }
}
