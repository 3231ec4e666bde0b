// Runs an embedded PGlite behind the Postgres wire protocol in its own process (Jest's VM sandbox
// cannot load PGlite's WASM modules). Prints the connection URL on stdout, exits when stdin closes.
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const dataDir = process.argv[2];
const db = await PGlite.create(dataDir ? { dataDir } : {});
const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 20 });
await server.start();
process.stdout.write(`postgres://postgres@${server.getServerConn()}/postgres\n`);

const stop = async () => {
  await server.stop();
  await db.close();
  process.exit(0);
};
process.stdin.on('end', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
