import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Obligations closed by a domain event name the event (issue #13): a device test completed by the
 * device's `test` event says `system:device.tested`, as new ones do.
 */
export class DomainEvents1764800000000 implements MigrationInterface {
  name = 'DomainEvents1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE "follow_up_obligation" SET "closed_by" = 'system:device.tested' WHERE "closed_by" = 'system:device.test'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE "follow_up_obligation" SET "closed_by" = 'system:device.test' WHERE "closed_by" = 'system:device.tested'`,
    );
  }
}
