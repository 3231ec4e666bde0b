import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

import { Client } from 'pg';

export interface IsolatedDatabase {
  url: string;
  kind: 'server' | 'embedded';
  drop(): Promise<void>;
}

/**
 * A database of its own for one test file: a fresh database on the server named by
 * TEST_DATABASE_URL, or else an in-memory PGlite. Test files can therefore run in parallel.
 */
export async function isolatedDatabase(): Promise<IsolatedDatabase> {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) {
    const embedded = await embeddedPostgres();
    return { url: embedded.url, kind: 'embedded', drop: embedded.stop };
  }
  const name = `tgd_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    kind: 'server',
    async drop() {
      const client = new Client({ connectionString: server });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/**
 * PGlite in a child process (Jest's VM sandbox cannot load its WASM modules), in memory or persisted
 * under `dataDir`. Same wire protocol, same code path as the service's own embedded database.
 */
export async function embeddedPostgres(
  dataDir?: string,
): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(
    process.execPath,
    [join(__dirname, 'pglite-server.mjs'), ...(dataDir ? [dataDir] : [])],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout! });
  const [url] = (await Promise.race([
    once(lines, 'line'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`embedded Postgres exited with code ${code}`);
    }),
  ])) as [string];
  return {
    url,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.stdin!.end();
      // It exits within 5 s of its own accord (pglite-server.mjs); killed should it not.
      const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(kill);
    },
  };
}
