// bench/alarms — a storm of distress events from a gateway on loopback against the built service,
// with its real database and firebase-admin pushing to the local FCM-compatible server.
// Prints sustained events per second, p50/p99 from receipt (the alarm's receivedAt) to the FCM
// request arriving at the FCM server, the gateway's own round trip, and beside them the same run's
// raw `pg` single-row insert rate on the same database server: the physical floor.
// Goal (issue #5): 1,000 distress events/s with p99 receipt → push under 50 ms on 2 cores.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import {
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

    const roundTrips = [];
    const alarmIds = [];
    let events = 0;
    let failures = 0;
    let stormSeconds = 0;
    for (let round = 0; round < ROUNDS; round++) {
      // Every device presses PRESSES times: the first opens its alarm, the others join it.
      const batch = serials.flatMap((device) =>
        Array.from({ length: PRESSES }, () => ({
          eventId: randomUUID(),
          device,
          type: 'distress',
          occurredAt: new Date().toISOString(),
          location: { lat: 44.0176, lon: 1.355, accuracy: 10 },
        })),
      );
      const started = process.hrtime.bigint();
      const answers = await inParallel(batch, CONCURRENCY, async (event) => {
        const t0 = process.hrtime.bigint();
        const res = await post(event);
        roundTrips.push(Number(process.hrtime.bigint() - t0) / 1e6);
        return res;
      });
      stormSeconds += Number(process.hrtime.bigint() - started) / 1e9;
      events += batch.length;
      failures += answers.filter((a) => a.status !== 201).length;
      const opened = new Set(answers.map((a) => a.body?.alarmId).filter(Boolean));
      alarmIds.push(...opened);
      // Between rounds (not timed): the operator resolves every alarm, so the next round opens anew.
      await inParallel([...opened], 8, (id) =>
        operator('POST', `/alarms/${id}/resolve`, { outcome: 'test', note: 'Benchmark.' }),
      );
    }

    const messages = (await fcm.messages()).filter((m) => m.data?.type === 'alarm');
    const pushed = new Map();
    for (const m of messages)
      if (!pushed.has(m.data.alarmId))
        pushed.set(m.data.alarmId, m.at - Date.parse(m.data.receivedAt));
    const latencies = [...pushed.values()].sort((a, b) => a - b);
    roundTrips.sort((a, b) => a - b);
    const rate = events / stormSeconds;
    const floor = database.url ? await rawInsertRate(database.url, 5000) : null;

    const ms = (v) => `${v.toFixed(1)} ms`;
    console.log(
      `  storm: ${events} distress events (${ROUNDS} rounds × ${DEVICES} devices × ${PRESSES} presses), ${CONCURRENCY} in flight`,
    );
    console.log(
      `    sustained                          ${rate.toFixed(0)} events/s (${failures} not 201)`,
    );
    console.log(
      `    gateway round trip                 p50 ${ms(percentile(roundTrips, 50))}  p99 ${ms(percentile(roundTrips, 99))}`,
    );
    console.log(
      `    receipt → FCM request (${latencies.length}/${alarmIds.length} alarms pushed before resolve)  p50 ${latencies.length ? ms(percentile(latencies, 50)) : 'n/a'}  p99 ${latencies.length ? ms(percentile(latencies, 99)) : 'n/a'}`,
    );
    if (floor)
      console.log(
        `    raw pg single-row insert (floor)   ${floor.toFixed(0)} rows/s → service at ${(rate / floor).toFixed(2)}× the floor`,
      );
    console.log(
      `    goal 1000 events/s: ${rate >= 1000 ? 'met' : 'not met'}; p99 receipt → push < 50 ms: ${percentile(latencies, 99) < 50 ? 'met' : 'not met'}`,
    );
  } finally {
    await service.stop();
    await fcm.stop();
    await database.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
