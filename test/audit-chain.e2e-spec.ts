import { execFile } from 'node:child_process';
import { join } from 'node:path';

import { verifyAuditChain } from '../src/audit/audit-chain';
import { AuditChainJob } from '../src/audit/audit-chain.job';
import { eventually } from './support/fcm';
import { newCase, startTestApp, TestApp } from './support/test-app';

describe('audit hash chain: tampering shows, even by the owner of the tables', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  // Asynchronous: the app under test shares this process and must keep serving the database
  // session the command line waits for (the embedded database has one).
  const verifyCli = () =>
    new Promise<{ status: number; stdout: string }>((resolve) => {
      execFile(
        process.execPath,
        [join(__dirname, '..', 'dist', 'audit', 'cli', 'verify.js')],
        { env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: t.database.url } },
        (error, stdout) =>
          resolve({ status: (error as { code?: number } | null)?.code ?? 0, stdout }),
      );
    });

  it('links every record, and names the first one changed behind the triggers', async () => {
    const coordinator = { Authorization: `Bearer ${await t.token('coordinator')}` };
    for (let i = 0; i < 3; i++) {
      const { body } = await t.http.post('/api/v1/cases').set(coordinator).send(newCase());
      await t.http.get(`/api/v1/cases/${body.id}`).set(coordinator);
    }
    // The job links what committed before every transaction still open on the server (another
    // suite's, on a shared server, may hold that horizon back a while): try until linked.
    const sound = await eventually(async () => {
      await t.app.get(AuditChainJob).runOnce();
      const verified = await verifyAuditChain(t.db);
      expect(verified.links).toBeGreaterThanOrEqual(6);
      return verified;
    });
    expect(sound.broken).toBeNull();
    expect((await verifyCli()).stdout).toMatch(/Audit chain holds: \d+ links/);

    // The owner lifts the trigger, rewrites one record and puts the trigger back.
    const [victim] = await t.db.query(
      `SELECT id::text AS id FROM audit_record ORDER BY id OFFSET 2 LIMIT 1`,
    );
    await t.db.query(`ALTER TABLE audit_record DISABLE TRIGGER audit_record_append_only`);
    await t.db.query(`UPDATE audit_record SET actor_id = 'someone-else' WHERE id = $1`, [
      victim.id,
    ]);
    await t.db.query(`ALTER TABLE audit_record ENABLE TRIGGER audit_record_append_only`);

    const report = await verifyAuditChain(t.db);
    expect(report.broken).toMatchObject({ recordId: victim.id });
    const cli = await verifyCli();
    expect(cli.status).toBe(1);
    expect(cli.stdout).toContain(`audit record ${victim.id}`);
  });
});
