import { randomBytes } from 'node:crypto';

import { Client } from 'pg';

import { newCase, startTestApp, TestApp } from './support/test-app';

/**
 * Production runs as a role that owns nothing: migrations as the owner (MIGRATION_DATABASE_URL),
 * the service (DATABASE_URL) with grants only, and on audit_record INSERT and SELECT alone. Needs
 * the PostgreSQL server (roles are the server's; PGlite has one user).
 */
const server = process.env.TEST_DATABASE_URL;
const onServer = server ? describe : describe.skip;

onServer('database roles: the service cannot tamper with the audit trail', () => {
  const suffix = randomBytes(4).toString('hex');
  const [owner, service, name] = [
    `tgd_owner_${suffix}`,
    `tgd_svc_${suffix}`,
    `tgd_roles_${suffix}`,
  ];
  const urlAs = (role: string) => {
    const url = new URL(server!);
    url.username = role;
    url.pathname = `/${name}`;
    return url.toString();
  };
  const admin = () => new Client({ connectionString: server });
  let t: TestApp;

  beforeAll(async () => {
    const c = admin();
    await c.connect();
    await c.query(`CREATE ROLE ${owner} LOGIN`);
    await c.query(`CREATE ROLE ${service} LOGIN`);
    await c.query(`CREATE DATABASE ${name} OWNER ${owner}`);
    await c.query(`REVOKE ALL ON DATABASE ${name} FROM PUBLIC`);
    await c.query(`GRANT CONNECT ON DATABASE ${name} TO ${service}`);
    await c.end();
    t = await startTestApp({
      env: { DATABASE_URL: urlAs(service), MIGRATION_DATABASE_URL: urlAs(owner) },
      database: { url: urlAs(service), kind: 'server', drop: async () => undefined },
    });
  });
  afterAll(async () => {
    await t?.close();
    const c = admin();
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`DROP ROLE IF EXISTS ${service}`);
    await c.query(`DROP ROLE IF EXISTS ${owner}`);
    await c.end();
  });

  it('serves as the service role, which owns nothing and may only append to the audit trail', async () => {
    const coordinator = { Authorization: `Bearer ${await t.token('coordinator')}` };
    const created = await t.http.post('/api/v1/cases').set(coordinator).send(newCase());
    expect(created.status).toBe(201);
    expect((await t.http.get(`/api/v1/cases/${created.body.id}`).set(coordinator)).status).toBe(
      200,
    );

    const c = new Client({ connectionString: urlAs(service) });
    await c.connect();
    try {
      const [{ n }] = (await c.query(`SELECT count(*)::int AS n FROM audit_record`)).rows;
      expect(n).toBeGreaterThan(0);
      const refused: string[] = [];
      for (const statement of [
        `UPDATE audit_record SET action = 'forged'`,
        `DELETE FROM audit_record`,
        `TRUNCATE audit_record`,
        `ALTER TABLE audit_record DISABLE TRIGGER USER`,
        `DROP TRIGGER audit_record_append_only ON audit_record`,
        `DROP TABLE audit_record`,
        `SET session_replication_role = replica`,
        `ALTER TABLE case_file ADD COLUMN x int`,
        `DELETE FROM schema_migration`,
      ]) {
        try {
          await c.query(statement);
        } catch (error) {
          if ((error as { code?: string }).code === '42501') refused.push(statement);
        }
      }
      expect(refused).toHaveLength(9);
      expect((await c.query(`SELECT count(*)::int AS n FROM audit_record`)).rows[0].n).toBe(n);
    } finally {
      await c.end();
    }
  });
});
