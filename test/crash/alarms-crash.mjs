// Crash test of the alarm path (issue #5), run by .ci/run against the PostgreSQL server:
// a gateway storms the built service with distress events, the service is killed with SIGKILL in the
// middle, then restarted on the same database. The gateway re-posts what got no answer, as a real
// gateway does. Then it checks: every event answered 2xx is stored with the answer it got, a
// re-posted event gets the same answer, no allocation has two alarms, every alarm reached FCM.
// Exits 1 on any loss.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { isDeepStrictEqual } from 'node:util';

import {
  enrolVictims,
  freshDatabase,
  gateway,
  inParallel,
  operatorOnDuty,
  startFcm,
  startService,
} from '../../bench/support/tgd-stack.mjs';

const require = createRequire(import.meta.url);
const pg = require('pg');

const DEVICES = 40;
const EVENTS = 3000;
const CRASH_AFTER_ANSWERS = 400;

const database = await freshDatabase('crash');
if (!database.url) {
  console.log('crash test: no PostgreSQL server answers; skipped');
  await database.drop();
  process.exit(0);
}
const fcm = await startFcm();
const env = { ...database.env, ...fcm.env, PUSH_POLL_MS: '100' };
let service = await startService(env);
const failures = [];
const check = (ok, message) => {
  if (!ok) failures.push(message);
};

try {
  const serials = await enrolVictims(service.url, DEVICES);
  await operatorOnDuty(service.url);
  const events = Array.from({ length: EVENTS }, (_, i) => ({
    eventId: randomUUID(),
    device: serials[i % DEVICES],
    type: Math.floor(i / DEVICES) % 5 === 4 ? 'location' : 'distress',
    occurredAt: new Date().toISOString(),
    location: { lat: 44 + (i % 100) / 1000, lon: 1.35, accuracy: 15 },
  }));
  const answers = new Map();
  let post = await gateway(service.url);
  let crashed;
  await inParallel(events, 32, async (event) => {
    const answer = await post(event);
    answers.set(event.eventId, answer);
    if (!crashed && answers.size >= CRASH_AFTER_ANSWERS) crashed = service.crash();
  });
  await crashed;
  const acknowledged = [...answers].filter(([, a]) => a.status >= 200 && a.status < 300);
  const unanswered = events.filter((e) => answers.get(e.eventId).status === 0);
  console.log(
    `crash test: ${acknowledged.length} events answered 2xx before kill -9, ${unanswered.length} without answer`,
  );

  service = await startService(env);
  post = await gateway(service.url);
  // The gateway retries what got no answer; and re-posts a sample of what did.
  const retried = await inParallel(unanswered, 32, async (e) => [e.eventId, await post(e)]);
  for (const [eventId, answer] of retried) {
    check(answer.status === 201, `retried ${eventId} answered ${answer.status}`);
    answers.set(eventId, answer);
  }
  for (const [eventId, first] of acknowledged.filter((_, i) => i % 10 === 0)) {
    const event = events.find((e) => e.eventId === eventId);
    const again = await post(event);
    check(
      again.status === first.status && isDeepStrictEqual(again.body, first.body),
      `re-posted ${eventId} answered differently after the restart`,
    );
  }

  const db = new pg.Client({ connectionString: database.url });
  await db.connect();
  const stored = new Map(
    (await db.query(`SELECT event_id, alarm_id FROM device_event`)).rows.map((r) => [
      r.event_id,
      r.alarm_id,
    ]),
  );
  for (const [eventId, answer] of answers) {
    if (answer.status < 200 || answer.status >= 300) continue;
    check(stored.has(eventId), `event ${eventId} answered 2xx is not stored`);
    check(
      (stored.get(eventId) ?? null) === (answer.body.alarmId ?? null),
      `event ${eventId} stored with another alarm than answered`,
    );
  }
  check(stored.size === EVENTS, `${stored.size} events stored, ${EVENTS} sent`);
  const twice = (
    await db.query(`SELECT allocation_id FROM alarm GROUP BY allocation_id HAVING count(*) > 1`)
  ).rows;
  check(twice.length === 0, `${twice.length} allocations got a second alarm`);
  const alarms = (await db.query(`SELECT id FROM alarm`)).rows.map((r) => r.id);
  check(alarms.length === DEVICES, `${alarms.length} alarms for ${DEVICES} pressing devices`);

  const deadline = Date.now() + 60_000;
  let pushed = new Map();
  for (;;) {
    pushed = new Map();
    for (const m of await fcm.messages())
      if (m.state === 'ok' && m.data?.type === 'alarm')
        pushed.set(m.data.alarmId, (pushed.get(m.data.alarmId) ?? 0) + 1);
    if (alarms.every((id) => pushed.has(id)) || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const missing = alarms.filter((id) => !pushed.has(id));
  check(missing.length === 0, `${missing.length} alarms never reached FCM`);
  const repeated = [...pushed.values()].filter((n) => n > 1).length;
  await db.end();
  console.log(
    `crash test: ${stored.size}/${EVENTS} events stored, ${alarms.length} alarms, none opened twice, ` +
      `${alarms.length - missing.length} pushed (${repeated} more than once to the same phone: at-least-once across the crash)`,
  );
} finally {
  await service.stop();
  await fcm.stop();
  await database.drop();
}

if (failures.length > 0) {
  console.error(`crash test FAILED:\n  ${failures.slice(0, 20).join('\n  ')}`);
  process.exit(1);
}
console.log('crash test: zero loss');
