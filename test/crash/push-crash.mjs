// Crash and outage test of the alarm push (the `push_delivery` outbox), run by .ci/run against the
// PostgreSQL server. It measures, without timing assertions, two delays an operator waits for:
//  1. Kill -9 while the first push of an alarm is in flight: FCM hangs (its `timeout` mode), the
//     service is killed as soon as FCM has received the request, FCM comes back, a second service
//     starts on the same database. Measured: from the kill to FCM receiving that push again.
//  2. An FCM outage: the alarm's first push meets `unavailable` answers for OUTAGE_MS, then FCM
//     recovers. Measured: from the recovery to FCM accepting that push.
//     (firebase-admin itself retries a 503 four times, 0, 1, 2 and 4 s apart, within one send.)
// Escalations are pushed after an hour here, so that only the alarm's first push is in play.
// Exits 1 only on a loss: a push never sent again within 60 s of the kill, or never delivered within
// 90 s of the recovery.
import { randomUUID } from 'node:crypto';

import {
  enrolVictims,
  freshDatabase,
  gateway,
  operatorOnDuty,
  startFcm,
  startService,
} from '../../bench/support/tgd-stack.mjs';

const TRIALS = 3;
const OUTAGE_MS = 25_000;
const RESEND_LIMIT_MS = 60_000;
const RECOVERY_LIMIT_MS = 90_000;
const POLL_MS = 20;

const database = await freshDatabase('pushcrash');
if (!database.url) {
  console.log('push crash test: no PostgreSQL server answers; skipped');
  await database.drop();
  process.exit(0);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const failures = [];
let fcm;
let service;

/** FCM's receipts of the first push of `alarmId` (escalations and other pushes left out). */
async function receipts(alarmId) {
  return (await fcm.messages()).filter(
    (m) => m.data?.type === 'alarm' && m.data.alarmId === alarmId && m.data.escalationLevel === '0',
  );
}

/** Polls FCM every POLL_MS until one receipt of the alarm's push matches; null after `limitMs`. */
async function receipt(alarmId, matches, limitMs) {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const found = (await receipts(alarmId)).find(matches);
    if (found || Date.now() > deadline) return found ?? null;
    await sleep(POLL_MS);
  }
}

/** One distress event; returns the alarm it opened. */
async function distress(serial) {
  const post = await gateway(service.url);
  const answer = await post({
    eventId: randomUUID(),
    device: serial,
    type: 'distress',
    occurredAt: new Date().toISOString(),
    location: { lat: 44.01, lon: 1.35, accuracy: 15 },
  });
  if (answer.status !== 201 || !answer.body?.alarmId)
    throw new Error(`distress on ${serial} answered ${answer.status} ${JSON.stringify(answer)}`);
  return answer.body.alarmId;
}

try {
  fcm = await startFcm();
  const env = {
    ...database.env,
    ...fcm.env,
    PUSH_POLL_MS: '100',
    PUSH_SEND_TIMEOUT_MS: '10000',
    ALARM_ESCALATION_SECONDS: '3600',
  };
  service = await startService(env);
  const serials = await enrolVictims(service.url, TRIALS + 1);
  await operatorOnDuty(service.url);

  // 1. Kill -9 with the first push in flight.
  const delays = [];
  for (let trial = 1; trial <= TRIALS; trial++) {
    await fcm.mode('timeout');
    const postedAt = Date.now();
    const alarmId = await distress(serials[trial - 1]);
    const first = await receipt(alarmId, () => true, 15_000);
    if (!first) {
      failures.push(`trial ${trial}: the first push of alarm ${alarmId} never reached FCM`);
      await fcm.mode('ok');
      continue;
    }
    await service.crash();
    const killedAt = Date.now();
    await fcm.mode('ok');
    service = await startService(env);
    const restartedAt = Date.now();
    const again = await receipt(
      alarmId,
      (m) => m.at > killedAt,
      killedAt + RESEND_LIMIT_MS - Date.now(),
    );
    if (!again) {
      const lost = `trial ${trial}: alarm ${alarmId} not pushed again within ${seconds(RESEND_LIMIT_MS)} of the kill`;
      failures.push(lost);
      console.log(`push crash test: ${lost}`);
      continue;
    }
    const delay = again.at - killedAt;
    delays.push(delay);
    console.log(
      `push crash test: trial ${trial}: in flight ${first.at - postedAt} ms after the distress, ` +
        `killed ${killedAt - first.at} ms later; service back in ${seconds(restartedAt - killedAt)}; ` +
        `re-sent ${seconds(delay)} after the kill (${again.state}` +
        `${again.data.deliveryId === first.data.deliveryId ? ', same delivery' : ', ANOTHER delivery'})`,
    );
  }
  if (delays.length > 0)
    console.log(
      `push crash test: re-sent after kill in ${seconds(Math.max(...delays))} ` +
        `(worst of ${delays.length}; each: ${delays.map(seconds).join(', ')})`,
    );

  // 2. An FCM outage during the first push, then recovery.
  await fcm.mode('unavailable');
  const outageFrom = Date.now();
  const alarmId = await distress(serials[TRIALS]);
  if (!(await receipt(alarmId, () => true, 15_000)))
    failures.push(`outage: the first push of alarm ${alarmId} never reached FCM`);
  await sleep(Math.max(0, outageFrom + OUTAGE_MS - Date.now()));
  const refused = await receipts(alarmId);
  await fcm.mode('ok');
  const recoveredAt = Date.now();
  const delivered = await receipt(
    alarmId,
    (m) => m.state === 'ok' && m.at >= recoveredAt,
    RECOVERY_LIMIT_MS,
  );
  console.log(
    `push crash test: during the ${seconds(OUTAGE_MS)} outage FCM got ${refused.length} requests ` +
      `for the push, at ${refused.map((m) => seconds(m.at - outageFrom)).join(', ')}`,
  );
  if (delivered)
    console.log(
      `push crash test: delivered ${seconds(delivered.at - recoveredAt)} after FCM recovery`,
    );
  else
    failures.push(
      `outage: alarm ${alarmId} not delivered within ${seconds(RECOVERY_LIMIT_MS)} of FCM's recovery`,
    );
} finally {
  await service?.stop();
  await fcm?.stop();
  await database.drop();
}

if (failures.length > 0) {
  console.error(`push crash test FAILED:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log('push crash test: no push lost');
