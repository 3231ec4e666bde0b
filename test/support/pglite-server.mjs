// Runs the service's embedded PGlite (dist/database/embedded-postgres.js, built by `pretest`) in its
// own process: Jest's VM sandbox cannot load PGlite's WASM modules. Prints the connection URL on
// stdout, exits when stdin closes. In memory, it starts from the empty cluster saved once per run
// (PGLITE_TEMPLATE, see global-setup.ts) rather than running initdb again.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { startEmbeddedPostgres } = require('../../dist/database/embedded-postgres.js');

const dataDir = process.argv[2];
const template = !dataDir && process.env.PGLITE_TEMPLATE;
const db = await startEmbeddedPostgres(dataDir, {
  ...(template ? { initial: new Blob([readFileSync(template)]) } : {}),
});
process.stdout.write(`${db.url}\n`);

// A throwaway database: if closing hangs (a client still inside a transaction), exit anyway, so no
// orphan outlives the test that started it.
const stop = async () => {
  setTimeout(() => process.exit(0), 5000).unref();
  await db.stop();
  process.exit(0);
};
process.stdin.on('end', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
