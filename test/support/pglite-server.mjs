// Runs the service's embedded PGlite (dist/database/embedded-postgres.js, built by `pretest`) in its
// own process: Jest's VM sandbox cannot load PGlite's WASM modules. Prints the connection URL on
// stdout, exits when stdin closes.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { startEmbeddedPostgres } = require('../../dist/database/embedded-postgres.js');

const dataDir = process.argv[2];
const db = await startEmbeddedPostgres(dataDir);
process.stdout.write(`${db.url}\n`);

const stop = async () => {
  await db.stop();
  process.exit(0);
};
process.stdin.on('end', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
