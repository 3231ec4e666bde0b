import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { signDevToken } from '../src/auth/token-verifier';
import { loadConfig } from '../src/config/app-config';
import { failedStart, startServiceProcess } from './support/service-process';
import { newCase } from './support/test-app';

// The built service as `npm start` runs it: embedded PGlite on disk, no database server.
describe('the service process', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tgd-pglite-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts on the embedded database, and what it wrote survives a restart', async () => {
    const env = { PGLITE_DATA_DIR: dataDir, LOG_LEVEL: 'info' };
    const token = await signDevToken(loadConfig({ NODE_ENV: 'development' }), {
      roles: ['coordinator'],
      jurisdictions: ['FR-82'],
      subject: 'restart-test',
    });
    const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };

    const first = await startServiceProcess(env);
    process.stdout.write(`service start-up (fresh data directory): ${first.startupMs} ms\n`);
    const health = await fetch(`${first.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    const created = await fetch(`${first.url}/api/v1/cases`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify(newCase()),
    });
    expect(created.status).toBe(201);
    const body = (await created.json()) as { id: string };
    expect(await first.stop()).toBe(0);
    // Structured JSON logs with request ids, and no personal data in them.
    const requestLogs = first.logs.map((line) => JSON.parse(line)).filter((entry) => entry.req);
    expect(requestLogs.length).toBeGreaterThan(0);
    for (const entry of requestLogs) expect(entry.req.id).toEqual(expect.any(String));
    expect(first.logs.join('\n')).not.toMatch(/Martin|Camille|\+33612345678|Montauban|Bearer/);

    const second = await startServiceProcess(env);
    process.stdout.write(`service start-up (existing data directory): ${second.startupMs} ms\n`);
    const read = await fetch(`${second.url}/api/v1/cases/${body.id}`, { headers: auth });
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual(body);
    expect(await second.stop()).toBe(0);
  });

  it('refuses to start on a malformed variable, naming it in one line', async () => {
    const { code, stderr } = await failedStart({ PORT: 'eighty', PGLITE_DATA_DIR: dataDir });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('PORT');
  });

  it('refuses to start on a broken questionnaire file, naming the file, the path and the fault', async () => {
    const rulesDir = mkdtempSync(join(tmpdir(), 'tgd-rules-'));
    mkdirSync(join(rulesDir, 'questionnaires'));
    const broken = JSON.parse(
      readFileSync(join('rules', 'questionnaires', 'evivico-style.json'), 'utf8'),
    );
    broken.rules[0].conditions.all[0].fact = 'ghost_item';
    writeFileSync(join(rulesDir, 'questionnaires', 'broken.json'), JSON.stringify(broken));
    const { code, stderr } = await failedStart({ RULES_DIR: rulesDir, PGLITE_DATA_DIR: dataDir });
    rmSync(rulesDir, { recursive: true, force: true });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(
      /broken\.json: \/rules\/0\/conditions\/all\/0\/fact: unknown item or fact "ghost_item"/,
    );
  });

  it('refuses development secrets in production', async () => {
    const { code, stderr } = await failedStart({
      NODE_ENV: 'production',
      PGLITE_DATA_DIR: dataDir,
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/DATA_ENCRYPTION_KEY|AUTH_/);
  });
});
