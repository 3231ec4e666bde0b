// bench/supervision — device supervision and answer-time statistics at a centre's scale, in
// PostgreSQL (BENCH_DATABASE_URL or the local server, a fresh database): the supervision scan over
// SUPERVISED devices (1% past their interval, the rest heard recently), a second pass with nothing
// to open, and the statistics of a year of alarms (ALARMS); each beside a bare count(*) of the rows
// it has to find, measured in the same run (the floor). Goal (issue #15): both well under a second.
import { createRequire } from 'node:module';

import { freshDatabase } from './support/tgd-stack.mjs';

const require = createRequire(import.meta.url);
const pg = require('pg');
const { loadConfig } = require('../dist/config/app-config.js');
const { createService } = require('../dist/server.js');
const { Actor } = require('../dist/auth/actor.js');
const { SupervisionService } = require('../dist/supervision/supervision.service.js');
const { AlarmsService } = require('../dist/alarms/alarms.service.js');
const { AlarmStatisticsService } = require('../dist/alarms/alarm-statistics.service.js');

const SUPERVISED = Number(process.env.BENCH_SUPERVISED_DEVICES ?? 10_000);
const ALARMS = Number(process.env.BENCH_YEAR_ALARMS ?? 50_000);
const ms = (start) => Number(process.hrtime.bigint() - start) / 1e6;

async function timed(work) {
  const start = process.hrtime.bigint();
  const result = await work();
  return { ms: ms(start), result };
}

export async function run() {
  console.log('\n== bench/supervision: the supervision scan and a year of answer-time statistics');
  const database = await freshDatabase('supervision');
  if (!database.url) {
    console.log('  needs a PostgreSQL server (BENCH_DATABASE_URL); skipped');
    return;
  }
  const config = loadConfig({
    NODE_ENV: 'development',
    LOG_LEVEL: 'silent',
    DATABASE_URL: database.url,
    SUPERVISION_SCAN_SECONDS: '3600',
  });
  const service = await createService(config);
  const db = new pg.Client({ connectionString: database.url });
  await db.connect();
  try {
    // 1% of the devices last heard 2 days ago (silent), the others within the hour; all tested.
    await db.query(
      `INSERT INTO device_supervision (allocation_id, device_id, case_id, jurisdiction,
         supervised_since, last_heard_at, last_tested_at)
       SELECT md5('a' || n)::uuid, md5('d' || n)::uuid, md5('c' || n)::uuid, 'FR-' || (n % 90 + 1),
         now() - interval '60 days',
         CASE WHEN n % 100 = 0 THEN now() - interval '2 days' ELSE now() - (n % 60) * interval '1 minute' END,
         now() - interval '1 day'
       FROM generate_series(1, $1) AS n`,
      [SUPERVISED],
    );
    // A year of alarms over 90 jurisdictions, resolved, with their times.
    await db.query(
      `INSERT INTO alarm (id, case_id, allocation_id, device_id, jurisdiction, status, opened_by_event,
         occurred_at, received_at, first_pushed_at, acknowledged_at, acknowledged_by, police_called_at,
         resolved_at, resolved_by, outcome, escalation_level, case_reference, version)
       SELECT gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), gen_random_uuid(),
         'FR-' || (n % 90 + 1), 'resolved', gen_random_uuid(), r, r,
         r + (n % 900) * interval '1 millisecond', r + (n % 240) * interval '1 second',
         'op-' || (n % 40), CASE WHEN n % 3 = 0 THEN r + interval '90 seconds' END,
         r + interval '30 minutes', 'op-' || (n % 40),
         (ARRAY['intervention','false_alarm','test','technical','other'])[n % 5 + 1], 0,
         'FR-BENCH-' || n, 1
       FROM generate_series(1, $1) AS n, LATERAL (SELECT now() - (n % 365) * interval '1 day' - (n % 86400) * interval '1 second' AS r) t`,
      [ALARMS],
    );
    await db.query('ANALYZE device_supervision; ANALYZE alarm');

    const supervision = service.app.get(SupervisionService);
    const alarms = service.app.get(AlarmsService);
    const heard = (ids) => alarms.lastHeard(ids);
    const floorScan = await timed(() =>
      db.query(
        `SELECT count(*) FROM device_supervision WHERE last_heard_at < now() - interval '24 hours'`,
      ),
    );
    const first = await timed(() => supervision.scan(heard));
    const second = await timed(() => supervision.scan(heard));
    console.log(`  ${SUPERVISED} supervised devices, ${floorScan.result.rows[0].count} silent`);
    console.log(`  floor: count(*) of the silent ones            ${floorScan.ms.toFixed(1)} ms`);
    console.log(
      `  scan, opening ${first.result.opened} alerts                 ${first.ms.toFixed(1)} ms  (${(first.ms / Math.max(floorScan.ms, 0.1)).toFixed(1)}× the floor)`,
    );
    console.log(
      `  scan again, nothing to open (${second.result.opened})           ${second.ms.toFixed(1)} ms  (${(second.ms / Math.max(floorScan.ms, 0.1)).toFixed(1)}× the floor)`,
    );

    const statistics = service.app.get(AlarmStatisticsService);
    const admin = new Actor('bench-admin', ['admin'], ['*']);
    const to = new Date();
    const from = new Date(to.getTime() - 366 * 86_400_000);
    const floorStats = await timed(() =>
      db.query(`SELECT count(*) FROM alarm WHERE received_at >= $1 AND received_at < $2`, [
        from,
        to,
      ]),
    );
    const year = await timed(() =>
      statistics.read(admin, { from: from.toISOString(), to: to.toISOString() }),
    );
    const again = await timed(() =>
      statistics.read(admin, { from: from.toISOString(), to: to.toISOString() }),
    );
    console.log(
      `  ${floorStats.result.rows[0].count} alarms over a year, 90 jurisdictions, 40 operators`,
    );
    console.log(`  floor: count(*) of the year's alarms           ${floorStats.ms.toFixed(1)} ms`);
    console.log(
      `  statistics of the year (first, then again)    ${year.ms.toFixed(1)} ms, ${again.ms.toFixed(1)} ms  (${(again.ms / Math.max(floorStats.ms, 0.1)).toFixed(1)}× the floor)`,
    );
  } finally {
    await db.end();
    await service.stop();
    await database.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
