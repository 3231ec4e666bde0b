import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  /** A postgres:// URL on loopback: TypeORM and `pg` connect to it like to any server. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Real Postgres compiled to WASM (PGlite), served on a loopback port over the wire protocol, so the
 * ordinary `postgres` driver, the same entities and the same migrations work unchanged. The socket
 * server queues connections and serialises their transactions. `dataDir` undefined: in memory.
 */
export async function startEmbeddedPostgres(
  dataDir: string | undefined,
  maxConnections = 20,
): Promise<EmbeddedPostgres> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir ? { dataDir } : {});
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections });
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
