import { MigrationInterface, QueryRunner } from 'typeorm';

/** Emergency housing (issue #17): places of the networks' housing partners and the requests for them. */
export class Housing1765500000000 implements MigrationInterface {
  name = 'Housing1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "housing_place" ("id" uuid NOT NULL, "partner_id" character varying(64) NOT NULL, "network_id" character varying(64) NOT NULL, "jurisdiction" character varying(32) NOT NULL, "kind" character varying(16) NOT NULL, "name" character varying(120) NOT NULL, "municipality" character varying(100) NOT NULL, "capacity" integer NOT NULL, "capacity_unit" character varying(8) NOT NULL, "nights_per_year" integer, "address_sealed" text, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "housing_place_kind_check" CHECK ("kind" IN ('emergency_flat', 'hotel_agreement', 'shelter')), CONSTRAINT "housing_place_unit_check" CHECK ("capacity_unit" IN ('rooms', 'beds')), CONSTRAINT "housing_place_capacity_check" CHECK ("capacity" > 0), PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "housing_place_partner_idx" ON "housing_place" ("partner_id") `);
    await q.query(
      `CREATE INDEX "housing_place_jurisdiction_idx" ON "housing_place" ("jurisdiction") `,
    );
    await q.query(
      `CREATE TABLE "housing_request" ("id" uuid NOT NULL, "case_id" uuid NOT NULL, "case_reference" character varying(40) NOT NULL, "jurisdiction" character varying(32) NOT NULL, "status" character varying(16) NOT NULL, "urgency" character varying(16) NOT NULL, "urgency_rank" smallint NOT NULL, "first_name_sealed" text NOT NULL, "children" smallint NOT NULL, "note_sealed" text, "wanted_from" date NOT NULL, "nights" smallint NOT NULL, "coordinator_id" character varying(200) NOT NULL, "coordinator_name" character varying(200), "coordinator_phone" character varying(16), "coordinator_email" character varying(200), "requested_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "place_id" uuid, "partner_id" character varying(64), "stay_from" date, "stay_until" date, "usage" smallint, "allocated_at" TIMESTAMP(3) WITH TIME ZONE, "allocated_by" character varying(200), "released_at" TIMESTAMP(3) WITH TIME ZONE, "released_by" character varying(200), "nights_used" smallint, "cancelled_at" TIMESTAMP(3) WITH TIME ZONE, "cancel_reason_sealed" text, "version" integer NOT NULL DEFAULT 1, CONSTRAINT "housing_request_status_check" CHECK ("status" IN ('waiting', 'allocated', 'released', 'cancelled')), CONSTRAINT "housing_request_urgency_check" CHECK ("urgency" IN ('immediate', 'within_days', 'planned')), CONSTRAINT "housing_request_nights_check" CHECK ("nights" BETWEEN 1 AND 365), CONSTRAINT "housing_request_children_check" CHECK ("children" BETWEEN 0 AND 20), CONSTRAINT "housing_request_allocated_check" CHECK ("status" IN ('waiting', 'cancelled') OR ("place_id" IS NOT NULL AND "stay_from" IS NOT NULL AND "stay_until" IS NOT NULL)), PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "housing_request_waiting_idx" ON "housing_request" ("jurisdiction", "urgency_rank", "requested_at") WHERE "status" = 'waiting'`,
    );
    await q.query(
      `CREATE INDEX "housing_request_place_idx" ON "housing_request" ("place_id", "stay_from") WHERE "status" IN ('allocated', 'released')`,
    );
    await q.query(`CREATE INDEX "housing_request_case_idx" ON "housing_request" ("case_id") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "housing_request"`);
    await q.query(`DROP TABLE "housing_place"`);
  }
}
