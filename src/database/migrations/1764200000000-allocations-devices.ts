import { MigrationInterface, QueryRunner } from 'typeorm';

export class AllocationsDevices1764200000000 implements MigrationInterface {
  name = 'AllocationsDevices1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "tgd_request" (
        "id" uuid NOT NULL,
        "case_id" uuid NOT NULL,
        "jurisdiction" varchar(32) NOT NULL,
        "assessment_id" uuid NOT NULL,
        "status" varchar(16) NOT NULL,
        "filed_by" varchar(200) NOT NULL,
        "filed_at" timestamptz(3) NOT NULL,
        "consent_recorded_at" timestamptz(3) NOT NULL,
        "note_sealed" text,
        "decided_by" varchar(200),
        "decided_at" timestamptz(3),
        "decision_reasons_sealed" text,
        "allocation_id" uuid,
        "version" integer NOT NULL,
        CONSTRAINT "tgd_request_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "tgd_request_status_check" CHECK ("status" IN ('pending', 'approved', 'rejected')),
        CONSTRAINT "tgd_request_case_fk" FOREIGN KEY ("case_id") REFERENCES "case_file" ("id"),
        CONSTRAINT "tgd_request_assessment_fk" FOREIGN KEY ("assessment_id") REFERENCES "assessment" ("id")
      )`);
    await q.query(`CREATE INDEX "tgd_request_case_idx" ON "tgd_request" ("case_id", "filed_at")`);
    // One pending request per case.
    await q.query(
      `CREATE UNIQUE INDEX "tgd_request_pending_key" ON "tgd_request" ("case_id") WHERE "status" = 'pending'`,
    );

    await q.query(`
      CREATE TABLE "tgd_allocation" (
        "id" uuid NOT NULL,
        "case_id" uuid NOT NULL,
        "jurisdiction" varchar(32) NOT NULL,
        "request_id" uuid NOT NULL,
        "status" varchar(16) NOT NULL,
        "starts_at" timestamptz(3) NOT NULL,
        "ends_at" timestamptz(3) NOT NULL,
        "renewals" smallint NOT NULL DEFAULT '0',
        "ended_at" timestamptz(3),
        "end_reason" varchar(32),
        "version" integer NOT NULL,
        CONSTRAINT "tgd_allocation_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "tgd_allocation_request_key" UNIQUE ("request_id"),
        CONSTRAINT "tgd_allocation_status_check" CHECK ("status" IN ('active', 'ended')),
        CONSTRAINT "tgd_allocation_case_fk" FOREIGN KEY ("case_id") REFERENCES "case_file" ("id"),
        CONSTRAINT "tgd_allocation_request_fk" FOREIGN KEY ("request_id") REFERENCES "tgd_request" ("id")
      )`);
    await q.query(
      `CREATE INDEX "tgd_allocation_jurisdiction_idx" ON "tgd_allocation" ("jurisdiction", "status", "ends_at")`,
    );
    // One active allocation per case.
    await q.query(
      `CREATE UNIQUE INDEX "tgd_allocation_case_active_key" ON "tgd_allocation" ("case_id") WHERE "status" = 'active'`,
    );

    await q.query(`
      CREATE TABLE "allocation_event" (
        "id" bigserial NOT NULL,
        "allocation_id" uuid NOT NULL,
        "type" varchar(32) NOT NULL,
        "occurred_at" timestamptz(3) NOT NULL,
        "actor_id" varchar(200) NOT NULL,
        "detail_sealed" text,
        CONSTRAINT "allocation_event_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "allocation_event_allocation_fk" FOREIGN KEY ("allocation_id") REFERENCES "tgd_allocation" ("id")
      )`);
    await q.query(
      `CREATE INDEX "allocation_event_allocation_idx" ON "allocation_event" ("allocation_id", "occurred_at")`,
    );

    await q.query(`
      CREATE TABLE "device" (
        "id" uuid NOT NULL,
        "serial_number" varchar(64) NOT NULL,
        "imei" varchar(15) NOT NULL,
        "phone_number" varchar(16) NOT NULL,
        "model" varchar(100) NOT NULL,
        "jurisdiction" varchar(32) NOT NULL,
        "status" varchar(16) NOT NULL,
        "created_at" timestamptz(3) NOT NULL,
        "updated_at" timestamptz(3) NOT NULL,
        "version" integer NOT NULL,
        CONSTRAINT "device_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "device_serial_number_key" UNIQUE ("serial_number"),
        CONSTRAINT "device_imei_key" UNIQUE ("imei"),
        CONSTRAINT "device_status_check" CHECK ("status" IN ('available', 'assigned', 'maintenance', 'lost', 'retired'))
      )`);
    await q.query(
      `CREATE INDEX "device_jurisdiction_status_idx" ON "device" ("jurisdiction", "status")`,
    );

    await q.query(`
      CREATE TABLE "device_assignment" (
        "id" uuid NOT NULL,
        "device_id" uuid NOT NULL,
        "allocation_id" uuid NOT NULL,
        "assigned_at" timestamptz(3) NOT NULL,
        "assigned_by" varchar(200) NOT NULL,
        "returned_at" timestamptz(3),
        "returned_by" varchar(200),
        "return_reason" varchar(32),
        "return_condition" varchar(16),
        CONSTRAINT "device_assignment_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "device_assignment_device_fk" FOREIGN KEY ("device_id") REFERENCES "device" ("id"),
        CONSTRAINT "device_assignment_allocation_fk" FOREIGN KEY ("allocation_id") REFERENCES "tgd_allocation" ("id")
      )`);
    await q.query(
      `CREATE INDEX "device_assignment_device_idx" ON "device_assignment" ("device_id", "assigned_at")`,
    );
    await q.query(
      `CREATE INDEX "device_assignment_allocation_idx" ON "device_assignment" ("allocation_id", "assigned_at")`,
    );
    // The guarantee behind device assignment: one device in hand per allocation, one allocation per device.
    await q.query(
      `CREATE UNIQUE INDEX "device_assignment_device_active_key" ON "device_assignment" ("device_id") WHERE "returned_at" IS NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "device_assignment_allocation_active_key" ON "device_assignment" ("allocation_id") WHERE "returned_at" IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "device_assignment"`);
    await q.query(`DROP TABLE "device"`);
    await q.query(`DROP TABLE "allocation_event"`);
    await q.query(`DROP TABLE "tgd_allocation"`);
    await q.query(`DROP TABLE "tgd_request"`);
  }
}
