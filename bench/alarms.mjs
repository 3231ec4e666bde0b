// bench/alarms — a storm of distress events from a gateway on loopback against the built service,
// with its real database and firebase-admin pushing to the local FCM-compatible server.
// Prints sustained events per second, p50/p99 from receipt (the alarm's receivedAt) to the FCM
// request arriving at the FCM server, the gateway's own round trip, and beside them the same run's
// raw `pg` single-row insert rate on the same database server: the physical floor.
// Goal (issue #5): 1,000 distress events/s with p99 receipt → push under 50 ms on 2 cores.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';

import {
  cpuSeconds,
  enrolVictims,
  freshDatabase,
  gateway,
  inParallel,
  operatorOnDuty,
  percentile,
  startFcm,
  startService,
} from './support/tgd-stack.mjs';

const require = createRequire(import.meta.url);
const pg = require('pg');

const DEVICES = Number(process.env.BENCH_ALARM_DEVICES ?? 300);
const ROUNDS = Number(process.env.BENCH_ALARM_ROUNDS ?? 8);
const PRESSES = Number(process.env.BENCH_ALARM_PRESSES ?? 3);
const CONCURRENCY = Number(process.env.BENCH_ALARM_CONCURRENCY ?? 64);
const PACED_RATE = Number(process.env.BENCH_ALARM_PACED_RATE ?? 200);
const PACED_ROUNDS = Number(process.env.BENCH_ALARM_PACED_ROUNDS ?? 4);
const POOL = 10; // the service's default DATABASE_POOL_SIZE; the baseline gets the same

/** The floor: single-row INSERTs of an event-sized row, autocommit, same concurrency and pool. */
async function rawInsertRate(url, count) {
  const pool = new pg.Pool({ connectionString: url, max: POOL });
  await pool.query(
    `CREATE TABLE bench_floor (id uuid PRIMARY KEY, event_id text NOT NULL, body jsonb NOT NULL, received_at timestamptz NOT NULL)`,
  );
  const rows = [...Array(count).keys()];
  const insert = () =>
    pool.query(`INSERT INTO bench_floor VALUES ($1, $2, $3, now())`, [
      randomUUID(),
      randomUUID(),
      JSON.stringify({ type: 'distress', lat: 44.0176, lon: 1.355 }),
    ]);
  await inParallel(rows.slice(0, 500), CONCURRENCY, insert);
  const started = process.hrtime.bigint();
  await inParallel(rows, CONCURRENCY, insert);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await pool.query('DROP TABLE bench_floor');
  await pool.end();
  return count / seconds;
}

/** Open loop: starts each item at its time for `perSecond`, whether or not earlier ones answered. */
function paced(items, perSecond, work) {
  const start = performance.now();
  return Promise.all(
    items.map((item, i) =>
      new Promise((resolve) =>
        setTimeout(resolve, Math.max(0, start + (i * 1000) / perSecond - performance.now())),
      ).then(() => work(item)),
    ),
  );
}

export async function run() {
  const database = await freshDatabase('bench');
  const fcm = await startFcm();
  // BENCH_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", to profile the service.
  const service = await startService(
    {
      ...database.env,
      ...fcm.env,
      PUSH_POLL_MS: '50',
      ...(process.env.BENCH_POOL ? { DATABASE_POOL_SIZE: process.env.BENCH_POOL } : {}),
    },
    process.env.BENCH_NODE_ARGS?.split(' ') ?? [],
  );
  try {
    console.log(`\nbench/alarms — database: ${database.kind}; ${DEVICES} enrolled devices`);
    const enrolStarted = Date.now();
    const serials = await enrolVictims(service.url, DEVICES);
    if (database.url) {
      // A database in service has planner statistics; one filled a second ago has none until
      // autovacuum's next pass (up to a minute), and would be planned as if its tables were empty.
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      await client.query('ANALYZE');
      await client.end();
    }
    console.log(
      `  enrolment through the API: ${((Date.now() - enrolStarted) / 1000).toFixed(1)} s`,
    );
    const operator = await operatorOnDuty(service.url);
    const post = await gateway(service.url);

    const pids = { service: service.pid, 'load generator': process.pid, 'FCM server': fcm.pid };

    /** Rounds of presses (the first of a device opens its alarm, the others join it), resolved between rounds. */
    async function storm(rounds, presses, send) {
      const result = { events: 0, failures: 0, seconds: 0, roundTrips: [], alarmIds: [], cpu: {} };
      for (let round = 0; round < rounds; round++) {
        const batch = serials.flatMap((device) =>
          Array.from({ length: presses }, () => ({
            eventId: randomUUID(),
            device,
            type: 'distress',
            occurredAt: new Date().toISOString(),
            location: { lat: 44.0176, lon: 1.355, accuracy: 10 },
          })),
        );
        const before = cpuSeconds(pids);
        const started = process.hrtime.bigint();
        const answers = await send(batch, async (event) => {
          const t0 = process.hrtime.bigint();
          const res = await post(event);
          result.roundTrips.push(Number(process.hrtime.bigint() - t0) / 1e6);
          return res;
        });
        result.seconds += Number(process.hrtime.bigint() - started) / 1e9;
        const after = cpuSeconds(pids);
        for (const name of Object.keys(after ?? {}))
          result.cpu[name] = (result.cpu[name] ?? 0) + after[name] - before[name];
        result.events += batch.length;
        result.failures += answers.filter((a) => a.status !== 201).length;
        const opened = new Set(answers.map((a) => a.body?.alarmId).filter(Boolean));
        result.alarmIds.push(...opened);
        // Between rounds (not timed): the operator resolves every alarm, so the next round opens anew.
        await inParallel([...opened], 8, (id) =>
          operator('POST', `/alarms/${id}/resolve`, { outcome: 'test', note: 'Benchmark.' }),
        );
      }
      result.roundTrips.sort((a, b) => a - b);
      return result;
    }

    // The floor is measured on each side of the storm: the server's pace drifts (checkpoints,
    // autovacuum, a noisy host), and the ratio is only as good as its floor.
    const floorBefore = database.url ? await rawInsertRate(database.url, 5000) : null;
    const closed = await storm(ROUNDS, PRESSES, (batch, work) =>
      inParallel(batch, CONCURRENCY, work),
    );
    const floorAfter = database.url ? await rawInsertRate(database.url, 5000) : null;
    const steady = await storm(PACED_ROUNDS, 1, (batch, work) => paced(batch, PACED_RATE, work));

    // Receipt (the alarm's receivedAt, set by the service) to the first push reaching the FCM server.
    const firstPush = new Map();
    for (const m of await fcm.messages())
      if (m.data?.type === 'alarm' && !firstPush.has(m.data.alarmId))
        firstPush.set(m.data.alarmId, m.at - Date.parse(m.data.receivedAt));
    const latencies = (ids) =>
      ids.flatMap((id) => (firstPush.has(id) ? [firstPush.get(id)] : [])).sort((a, b) => a - b);
    const floor = floorBefore && floorAfter ? (floorBefore + floorAfter) / 2 : null;

    const ms = (v) => `${v.toFixed(1)} ms`;
    const report = (run, label) => {
      const pushed = latencies(run.alarmIds);
      console.log(label);
      console.log(
        `    sustained                          ${(run.events / run.seconds).toFixed(0)} events/s (${run.failures} not 201)`,
      );
      console.log(
        `    gateway round trip                 p50 ${ms(percentile(run.roundTrips, 50))}  p99 ${ms(percentile(run.roundTrips, 99))}`,
      );
      console.log(
        `    receipt → FCM request (${pushed.length}/${run.alarmIds.length} alarms pushed before resolve)  p50 ${pushed.length ? ms(percentile(pushed, 50)) : 'n/a'}  p99 ${pushed.length ? ms(percentile(pushed, 99)) : 'n/a'}`,
      );
      const spent = Object.values(run.cpu).reduce((a, b) => a + b, 0);
      if (spent === 0) return pushed;
      console.log(`    CPU per event (who spends the ${availableParallelism()} cores):`);
      for (const [name, seconds] of Object.entries(run.cpu))
        console.log(`      ${name.padEnd(33)}${((seconds / run.events) * 1000).toFixed(2)} ms`);
      console.log(
        `      all                              ${((spent / run.events) * 1000).toFixed(2)} ms → at most ${((availableParallelism() * run.events) / spent).toFixed(0)} events/s on these cores`,
      );
      return pushed;
    };
    const rate = closed.events / closed.seconds;
    report(
      closed,
      `  storm: ${closed.events} distress events (${ROUNDS} rounds × ${DEVICES} devices × ${PRESSES} presses), ${CONCURRENCY} in flight`,
    );
    const steadyPushed = report(
      steady,
      `  paced: ${steady.events} distress events offered at ${PACED_RATE}/s (${PACED_ROUNDS} rounds × ${DEVICES} devices, one press each)`,
    );
    if (floor)
      console.log(
        `  raw pg single-row insert (floor)     ${floor.toFixed(0)} rows/s (${floorBefore.toFixed(0)} before the storm, ${floorAfter.toFixed(0)} after) → storm at ${(rate / floor).toFixed(3)}× the floor`,
      );
    console.log(
      `  goal 1000 events/s: ${rate >= 1000 ? 'met' : 'not met'}; p99 receipt → push < 50 ms at ${PACED_RATE}/s: ${percentile(steadyPushed, 99) < 50 ? 'met' : 'not met'}`,
    );
  } finally {
    await service.stop();
    await fcm.stop();
    await database.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
