import { Pool } from 'pg';

import { embeddedPostgres } from './support/database';

describe('embedded PostgreSQL (PGlite on a loopback socket)', () => {
  let db: { url: string; stop(): Promise<void> };
  let pool: Pool;

  beforeAll(async () => {
    db = await embeddedPostgres();
    pool = new Pool({ connectionString: db.url, max: 8 });
  });
  afterAll(async () => {
    await pool.end();
    await db.stop();
  });

  it('keeps concurrent parameterised queries of several connections apart', async () => {
    // Large parameters arrive in several socket reads, when another connection can slip in.
    const padding = 'x'.repeat(200_000);
    const asked = Array.from({ length: 60 }, (_, i) => i);
    const answers = await Promise.all(
      asked.map((i) =>
        i % 2
          ? pool.query('SELECT $1::int AS n, length($2::text) AS size', [i, padding])
          : pool.query('SELECT $1::int + 0 AS n, $2::text AS tag', [i, `t${i}`]),
      ),
    );
    expect(answers.map((a) => a.rows[0].n)).toEqual(asked);
    expect(answers.map((a, i) => (i % 2 ? a.rows[0].size : a.rows[0].tag))).toEqual(
      asked.map((i) => (i % 2 ? padding.length : `t${i}`)),
    );
  });

  it('keeps a transaction to its connection, and goes on after a failed statement', async () => {
    await pool.query('CREATE TABLE counter (n int)');
    const client = await pool.connect();
    await client.query('BEGIN');
    await client.query('INSERT INTO counter VALUES ($1)', [1]);
    const outside = pool.query('SELECT count(*)::int AS n FROM counter');
    await client.query('INSERT INTO counter VALUES ($1)', [2]);
    await client.query('COMMIT');
    client.release();
    expect((await outside).rows[0].n).toBe(2);
    await expect(pool.query('SELECT $1::int', ['not a number'])).rejects.toThrow();
    expect((await pool.query('SELECT $1::int AS n', [7])).rows[0].n).toBe(7);
  });
});
