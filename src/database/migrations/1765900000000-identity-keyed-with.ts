import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which blind-index key a case's identity keys were computed with (a fingerprint of
 * BLIND_INDEX_KEY, never the key). Cases opened before issue #17 have none, and a new key makes
 * every stored digest unmatchable: the re-keying job computes them again (MARAC's repeat rule must
 * recognise a victim across a key change and across the upgrade).
 */
export class IdentityKeyedWith1765900000000 implements MigrationInterface {
  name = 'IdentityKeyedWith1765900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "case_file" ADD "identity_keyed_with" character varying(16)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "case_file" DROP COLUMN "identity_keyed_with"`);
  }
}
