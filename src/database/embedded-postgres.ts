import { mkdirSync } from 'node:fs';

import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

import { PgliteSessionQueue } from './pglite-session-queue';

export interface EmbeddedPostgres {
  /** A postgres:// URL on loopback: TypeORM and `pg` connect to it like to any server. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Real Postgres compiled to WASM (PGlite), served on a loopback port over the wire protocol, so the
 * ordinary `postgres` driver, the same entities and the same migrations work unchanged. The socket
 * server queues connections' messages and serialises their queries and transactions. `dataDir` undefined: in memory.
 */
export async function startEmbeddedPostgres(
  dataDir: string | undefined,
  options: { maxConnections?: number; initial?: Blob } = {},
): Promise<EmbeddedPostgres> {
  const { maxConnections = 20, initial } = options;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // `initial`: a cluster saved by `dumpDataDir`, started from instead of running initdb again.
  const db = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(initial ? { loadDataDir: initial } : {}),
  });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections });
  // The library's own queue interleaves concurrent queries (see PgliteSessionQueue).
  (server as unknown as { queryQueue: PgliteSessionQueue }).queryQueue = new PgliteSessionQueue(db);
  await server.start();
  const address = server.getServerConn();
  return {
    url: `postgres://postgres@${address}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
