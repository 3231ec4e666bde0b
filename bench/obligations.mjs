// bench/obligations — the obligation scan and the worklist on one million obligations across
// 10,000 allocations in PostgreSQL (BENCH_DATABASE_URL or the local server, a fresh database).
// Prints the scan that flags what became due at three table sizes (a tenth, a third, all) with the
// heap it used beyond the idle heap (run with --expose-gc for a clean baseline), a pass with nothing
// to do, the worklist query, their EXPLAIN plans, and a bare `count(*)` of the open obligations past
// their deadline as the floor. Goal (issue #6): the scan under 2 s, memory flat as the table grows.
import { createRequire } from 'node:module';

import { freshDatabase } from './support/tgd-stack.mjs';

const require = createRequire(import.meta.url);
const pg = require('pg');
const { loadConfig } = require('../dist/config/app-config.js');
const { createService } = require('../dist/server.js');
const { Actor } = require('../dist/auth/actor.js');
const { ObligationPlanner } = require('../dist/obligations/obligation-planner.js');

const ALLOCATIONS = Number(process.env.BENCH_OBLIGATION_ALLOCATIONS ?? 10_000);
const PER_ALLOCATION = Number(process.env.BENCH_OBLIGATIONS_PER_ALLOCATION ?? 100);
const NOW = new Date('2026-11-24T09:00:00Z');

const seconds = (start) => Number(process.hrtime.bigint() - start) / 1e9;

/** 90% closed, the rest open and spread over a year around now; about 1% falls due at NOW. */
async function seed(db, total) {
  await db.query(
    `INSERT INTO follow_up_obligation (id, case_id, allocation_id, jurisdiction, template_id, template_version,
       source_id, sequence, responsible, completed_by, due_from, due_at, state, status, created_at)
     SELECT gen_random_uuid(), md5('c' || a)::uuid, md5('a' || a)::uuid, 'FR-' || (a % 90 + 1),
            'monthly_device_test', 'bench@1', 'src', s, 'association', 'device_test',
            $1::timestamptz + ((n % 730) - 365) * interval '12 hours' - interval '7 days',
            $1::timestamptz + ((n % 730) - 365) * interval '12 hours',
            CASE WHEN (n % 730) < 365 AND n % 10 = 0 AND n % 730 < 358 THEN 'overdue' ELSE 'upcoming' END,
            CASE WHEN n % 10 = 0 THEN 'open' ELSE 'completed' END, $1
     FROM generate_series(0, $2 - 1) AS n, LATERAL (SELECT n / $3 AS a, n % $3 AS s) x`,
    [NOW, total, PER_ALLOCATION],
  );
  await db.query('ANALYZE follow_up_obligation');
}

export async function run() {
  const database = await freshDatabase('obligations');
  if (!database.url) {
    console.log('\nbench/obligations — needs a PostgreSQL server (BENCH_DATABASE_URL); skipped');
    return;
  }
  const config = loadConfig({
    NODE_ENV: 'development',
    LOG_LEVEL: 'silent',
    DATABASE_URL: database.url,
    OBLIGATIONS_SCAN_SECONDS: '86400',
  });
  const service = await createService(config);
  const db = new pg.Client({ connectionString: database.url });
  await db.connect();
  try {
    const obligations = service.app.get(ObligationPlanner);
    // The same scan at growing table sizes: its time follows the work (1% falls due), its memory
    // should not (it works in batches of claimed rows).
    const sizes = [...new Set([10, 3, 1].map((d) => Math.max(1, Math.round(ALLOCATIONS / d))))];
    console.log(
      `\nbench/obligations — the scan at ${sizes.map((a) => a * PER_ALLOCATION).join(', ')} obligations (${PER_ALLOCATION} per allocation)`,
    );
    let floorSeconds = 0;
    let firstSeconds = 0;
    for (const allocations of sizes) {
      await db.query('TRUNCATE follow_up_obligation, obligation_notification');
      const total = allocations * PER_ALLOCATION;
      const seeded = process.hrtime.bigint();
      await seed(db, total);
      const seedSeconds = seconds(seeded);

      const floor = process.hrtime.bigint();
      const { rows } = await db.query(
        `SELECT count(*)::int AS n FROM follow_up_obligation WHERE status = 'open' AND due_at <= $1`,
        [NOW],
      );
      floorSeconds = seconds(floor);

      globalThis.gc?.();
      const heapBefore = process.memoryUsage().heapUsed;
      let heapPeak = heapBefore;
      const sampler = setInterval(() => {
        heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
      }, 5);
      const first = process.hrtime.bigint();
      const changed = await obligations.advance(NOW);
      firstSeconds = seconds(first);
      clearInterval(sampler);
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
      console.log(
        `  ${String(total).padStart(9)} obligations (seeded in ${seedSeconds.toFixed(1)} s): floor count(*) of ${rows[0].n} open past due ${(floorSeconds * 1000).toFixed(0)} ms; scan ${changed} state changes in ${firstSeconds.toFixed(2)} s (${(firstSeconds / floorSeconds).toFixed(1)}× the floor); heap peak ${((heapPeak - heapBefore) / 1e6).toFixed(1)} MB over the idle heap`,
      );
    }
    const idle = process.hrtime.bigint();
    await obligations.advance(NOW);
    const idleSeconds = seconds(idle);

    const actor = new Actor('bench', ['coordinator'], ['FR-82']);
    const worklist = process.hrtime.bigint();
    const page = await obligations.worklist(actor, { page: 1, pageSize: 50, status: 'overdue' });
    const worklistSeconds = seconds(worklist);

    const plan = async (sql, params) =>
      (await db.query(`EXPLAIN ${sql}`, params)).rows.map((r) => `      ${r['QUERY PLAN']}`);
    console.log(
      `  at the largest size, scan with nothing to do: ${(idleSeconds * 1000).toFixed(0)} ms`,
    );
    console.log(
      `  worklist (FR-82, overdue, 50 of ${page.total}): ${(worklistSeconds * 1000).toFixed(0)} ms`,
    );
    console.log("    plan of the scan's candidates:");
    console.log(
      (
        await plan(
          `(SELECT id FROM follow_up_obligation
            WHERE status = 'open' AND state <> 'overdue' AND due_at <= $1 ORDER BY due_at LIMIT 500)
           UNION
           (SELECT id FROM follow_up_obligation
            WHERE status = 'open' AND state = 'upcoming' AND due_from <= $1 ORDER BY due_from LIMIT 500)`,
          [NOW],
        )
      ).join('\n'),
    );
    console.log('    plan of the worklist:');
    console.log(
      (
        await plan(
          `SELECT * FROM follow_up_obligation WHERE status = 'open' AND jurisdiction IN ('FR-82')
           AND state = 'overdue' ORDER BY due_at LIMIT 50`,
          [],
        )
      ).join('\n'),
    );
    console.log(`  goal: scan under 2 s: ${firstSeconds < 2 ? 'met' : 'not met'}`);
  } finally {
    await db.end();
    await service.stop();
    await database.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
