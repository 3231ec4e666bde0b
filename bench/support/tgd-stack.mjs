// The whole alarm path as separate processes on loopback, for the alarm benchmark and the crash test:
// a PostgreSQL database (a fresh one on the server, or an embedded PGlite directory), the built
// service (`dist/main.js`), the local FCM-compatible server, and a gateway that posts device events.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const pg = require('pg');
const { loadConfig } = require('../../dist/config/app-config.js');
const { signDevToken } = require('../../dist/auth/token-verifier.js');

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SERVER_URL =
  process.env.BENCH_DATABASE_URL ??
  process.env.CI_POSTGRES_URL ??
  'postgres://postgres@127.0.0.1:5432/test';

/** A fresh database on the PostgreSQL server, or an embedded PGlite directory when none answers. */
export async function freshDatabase(label) {
  const admin = new pg.Client({ connectionString: SERVER_URL, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch {
    const dir = mkdtempSync(join(tmpdir(), `tgd-${label}-`));
    return {
      kind: 'embedded PGlite',
      env: { PGLITE_DATA_DIR: dir },
      url: null,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `tgd_${label}_${Math.random().toString(36).slice(2, 10)}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return {
    kind: `PostgreSQL server (${url.host})`,
    env: { DATABASE_URL: url.toString() },
    url: url.toString(),
    drop: async () => {
      if (process.env.BENCH_KEEP_DATABASE) return console.log(`  database kept: ${url}`);
      const c = new pg.Client({ connectionString: SERVER_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** The local FCM-compatible server (test/support/fcm-server.mjs). */
export async function startFcm() {
  const child = spawn(process.execPath, [join(ROOT, 'test', 'support', 'fcm-server.mjs')], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const [line] = await once(createInterface({ input: child.stdout }), 'line');
  const { fcmPort, controlPort } = JSON.parse(line);
  const control = `http://127.0.0.1:${controlPort}`;
  return {
    pid: child.pid,
    env: {
      FCM_PROJECT_ID: 'tgd-bench',
      FCM_ACCESS_TOKEN: 'bench-access-token',
      FCM_CONNECT_TO: `127.0.0.1:${fcmPort}`,
      FCM_CA_FILE: join(ROOT, 'test', 'fixtures', 'fcm-tls', 'cert.pem'),
    },
    messages: () => fetch(`${control}/messages`).then((r) => r.json()),
    /** Switches the answers: 'ok', 'quota', 'error', 'unavailable' or 'timeout' (hangs). */
    mode: (mode, forMs) =>
      fetch(`${control}/mode`, { method: 'POST', body: JSON.stringify({ mode, forMs }) }).then(
        (r) => r.json(),
      ),
    reset: () => fetch(`${control}/reset`, { method: 'POST', body: '{}' }),
    stop: async () => {
      const exited = once(child, 'exit');
      child.stdin.end();
      await exited;
    },
  };
}

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The built service in its own process; resolves once /health answers. */
export async function startService(env, nodeArgs = []) {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, join(ROOT, 'dist', 'main.js')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`service exited: ${stderr}`);
    try {
      if ((await fetch(`${url}/health`)).status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 90_000) throw new Error(`service did not start: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    pid: child.pid,
    /** kill -9: no shutdown hook runs. */
    crash: async () => {
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A JSON client for one role of the service. */
export async function client(url, role, jurisdictions = ['FR-82'], subject = `bench-${role}`) {
  const token = await signDevToken(loadConfig({ NODE_ENV: 'development' }), {
    roles: [role],
    jurisdictions,
    subject,
  });
  return async (method, path, body) => {
    const res = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
}

/** Runs `work` over `items` with at most `concurrency` at once. */
export async function inParallel(items, concurrency, work) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i], i);
      }
    }),
  );
  return results;
}

function imei(seed) {
  const body = String(35_000_000_000_000 + seed).slice(0, 14);
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    let digit = Number(body[i]);
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return body + String((10 - (sum % 10)) % 10);
}

/**
 * `count` victims of FR-82 through the API as its users would: case, assessment (grave danger),
 * request, prosecutor's approval, a device from the inventory. Returns the devices' serial numbers.
 */
export async function enrolVictims(url, count, concurrency = 6) {
  const coordinator = await client(url, 'coordinator');
  const prosecutor = await client(url, 'prosecutor');
  const admin = await client(url, 'admin');
  const must = async (call, expected) => {
    const res = await call;
    if (res.status !== expected) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const grid = (await must(coordinator('GET', '/questionnaires/fr-grille-evaluation-danger'), 200))
    .definition;
  const answers = Object.fromEntries(
    grid.items
      .filter((i) => i.type === 'yes_no')
      .map((i) => [i.id, ['strangulation', 'menaces_de_mort'].includes(i.id) ? 'yes' : 'no']),
  );
  const run = Math.floor(Math.random() * 1e6);
  return inParallel([...Array(count).keys()], concurrency, async (n) => {
    const kase = await must(
      coordinator('POST', '/cases', {
        jurisdiction: 'FR-82',
        victim: {
          lastName: `Victime ${n}`,
          phone: '+33612345678',
          consents: [
            { purpose: 'tgd_allocation', given: true, recordedAt: '2026-11-20T10:00:00Z' },
          ],
        },
        author: { lastName: `Auteur ${n}`, description: 'Bench' },
      }),
      201,
    );
    const draft = await must(
      coordinator('POST', `/cases/${kase.id}/assessments`, { questionnaireId: grid.id }),
      201,
    );
    await must(coordinator('PATCH', `/assessments/${draft.id}`, { answers }), 200);
    const assessment = await must(coordinator('POST', `/assessments/${draft.id}/submit`), 200);
    const request = await must(
      coordinator('POST', `/cases/${kase.id}/tgd-requests`, { assessmentId: assessment.id }),
      201,
    );
    const decided = await must(
      prosecutor('POST', `/tgd-requests/${request.id}/decision`, {
        decision: 'approve',
        reasons: 'Danger grave et imminent.',
      }),
      200,
    );
    const seed = run * 100_000 + n;
    const device = await must(
      admin('POST', '/devices', {
        serialNumber: `TGD-BENCH-${seed}`,
        imei: imei(seed),
        phoneNumber: '+33600000000',
        model: 'Alcatel 2053',
        jurisdiction: 'FR-82',
      }),
      201,
    );
    await must(
      coordinator('POST', `/allocations/${decided.allocationId}/device`, { deviceId: device.id }),
      200,
    );
    return device.serialNumber;
  });
}

/** An operator of FR-82 on duty with one registered phone. */
export async function operatorOnDuty(url, subject = 'bench-operator') {
  const operator = await client(url, 'operator', ['FR-82'], subject);
  await operator('POST', '/me/push-tokens', {
    token: `${subject}-${'x'.repeat(40)}`,
    platform: 'android',
  });
  await operator('PUT', '/operators/me/duty', { onDuty: true });
  return operator;
}

/** The gateway: posts one device event and returns its status and body (or the network error). */
export async function gateway(url) {
  const post = await client(url, 'gateway', ['*'], 'bench-gateway');
  return async (event) => {
    try {
      return await post('POST', '/device-events', event);
    } catch (error) {
      return { status: 0, error: error.cause?.code ?? error.message };
    }
  };
}

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * CPU seconds used so far by the given processes and by every PostgreSQL backend on this machine,
 * from /proc (Linux); null elsewhere. Read before and after a phase, it says who spent the cores.
 */
export function cpuSeconds(pids) {
  if (!existsSync('/proc/self/stat')) return null;
  const ticks = (pid) => {
    try {
      // Fields after the command name: utime and stime are the 12th and 13th.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      return 0; // the process ended
    }
  };
  const postgres = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
      } catch {
        return false;
      }
    });
  return {
    ...Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, ticks(pid)])),
    postgres: postgres.reduce((sum, pid) => sum + ticks(pid), 0),
  };
}
