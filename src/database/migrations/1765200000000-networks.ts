import { MigrationInterface, QueryRunner } from 'typeorm';

/** Networks and their partner organisations, the directory (issue #17). Seeded at start-up. */
export class Networks1765200000000 implements MigrationInterface {
  name = 'Networks1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "network" ("id" character varying(64) NOT NULL, "kind" character varying(32) NOT NULL, "name" character varying(200) NOT NULL, "description" text, "jurisdictions" character varying(32) array NOT NULL, "seed_hash" character varying(64), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "network_kind_check" CHECK ("kind" IN ('reseau_vif', 'coordination_departementale', 'plateforme_zonale')), PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE TABLE "partner" ("id" character varying(64) NOT NULL, "network_id" character varying(64) NOT NULL, "name" character varying(200) NOT NULL, "kind" character varying(32) NOT NULL, "description" text, "services" character varying(32) array NOT NULL, "municipalities" character varying(100) array NOT NULL, "postal_codes" character varying(16) array NOT NULL, "place_keys" character varying(100) array NOT NULL, "contacts" jsonb NOT NULL, "referents" jsonb NOT NULL, "active" boolean NOT NULL, "source" character varying(8) NOT NULL, "edited" boolean NOT NULL DEFAULT false, "seed_hash" character varying(64), "version" integer NOT NULL DEFAULT 1, "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "updated_by" character varying(200) NOT NULL, CONSTRAINT "partner_source_check" CHECK ("source" IN ('seed', 'api')), PRIMARY KEY ("id"), CONSTRAINT "partner_network_fk" FOREIGN KEY ("network_id") REFERENCES "network" ("id"))`,
    );
    await q.query(`CREATE INDEX "partner_network_idx" ON "partner" ("network_id") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "partner"`);
    await q.query(`DROP TABLE "network"`);
  }
}
