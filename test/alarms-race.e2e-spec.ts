import { randomUUID } from 'node:crypto';
import { connect, createServer, Socket } from 'node:net';

import { Logger } from '@nestjs/common';
import { Client } from 'pg';

import { IsolatedDatabase, isolatedDatabase } from './support/database';
import { eventually, FcmMessage, FcmServer, startFcmServer } from './support/fcm';
import { startTestApp, TestApp } from './support/test-app';
import { activeAllocation, as, registerDevice } from './support/tgd-journey';

/**
 * Races on the alarm path, round after round on one app: a distress opens (or joins) an alarm, then
 * more presses, acknowledgements and resolutions of that alarm arrive at once, while the dispatcher
 * sends the first pushes and records their outcomes. Nothing may fail, deadlock, push twice or be
 * lost. On the PostgreSQL server (TEST_DATABASE_URL) the locks really contend; embedded PGlite runs
 * one transaction at a time, so there the same answers are checked with less contention.
 */

type Kind = 'press' | 'ack' | 'resolve';

interface Exchange {
  kind: Kind;
  round: number;
  device: number;
  status: number;
  body: unknown;
  requestId?: string;
  eventId?: string;
}

interface LoggedError {
  text: string;
  requestId?: string;
}

const EXPECTED: Record<Kind, number[]> = { press: [201], ack: [200, 409], resolve: [200, 409] };
const TOKENS = [`race-a-${'a'.repeat(40)}`, `race-b-${'b'.repeat(40)}`];
const GATEWAY = 'gateway-race';
/** How long FCM takes to answer: about what the real one, across the internet, takes. */
const FCM_LATENCY_MS = 100;
/** The operators' actions of a round come 0, 1, … 7 steps after its distress was answered. */
const STEP_MS = 40;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A TCP relay to the local FCM server that holds each of its answers `delayMs` (TLS passes through
 * untouched). With FCM answering at once, the dispatcher records a push before the gateway even has
 * the alarm's id; with a real FCM's latency, it records while the operators act, as in service.
 */
async function slowLink(target: string, delayMs: number) {
  const [host, port] = target.split(':');
  const sockets = new Set<Socket>();
  const relay = createServer((client) => {
    const upstream = connect(Number(port), host);
    const later = (work: () => void) =>
      setTimeout(() => {
        if (!client.destroyed) work();
      }, delayMs);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => later(() => client.write(chunk)));
    upstream.on('end', () => later(() => client.end()));
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const { port: relayPort } = relay.address() as { port: number };
  return {
    address: `127.0.0.1:${relayPort}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        relay.close(() => resolve());
      }),
  };
}

/** Counts of each value. */
function tally(values: Array<string | number>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

describe('alarms under races: presses, acknowledgements, resolutions and push outcomes at once', () => {
  let database: IsolatedDatabase;
  let fcm: FcmServer;
  let link: Awaited<ReturnType<typeof slowLink>>;
  let t: TestApp;
  let running = false;
  let server = false;
  let gateway: Record<string, string>;
  let logSpy: jest.SpyInstance | undefined;
  let roundsDone = 0;
  const operators: Array<Record<string, string>> = [];
  const devices: Array<{ allocationId: string; serial: string }> = [];
  const exchanges: Exchange[] = [];
  const summary: Record<string, unknown> = {};

  beforeAll(async () => {
    database = await isolatedDatabase();
    server = database.kind === 'server';
    fcm = await startFcmServer();
    link = await slowLink(fcm.env.FCM_CONNECT_TO, FCM_LATENCY_MS);
    t = await startTestApp({
      database,
      env: {
        ...fcm.env,
        FCM_CONNECT_TO: link.address,
        PUSH_POLL_MS: '50',
        PUSH_SEND_TIMEOUT_MS: '2000',
      },
    });
    running = true;
    // The service logs through Nest's Logger (silent here). The spy calls through and keeps the
    // error lines: the cause of a 500 (whose body says nothing) and the dispatcher's failures.
    logSpy = jest.spyOn(Logger.prototype, 'error');

    gateway = { Authorization: `Bearer ${await t.token('gateway', ['*'], GATEWAY)}` };
    for (const [i, token] of TOKENS.entries()) {
      const headers = {
        Authorization: `Bearer ${await t.token('operator', ['FR-82'], `operator-race-${i}`)}`,
      };
      const registered = await t.http
        .post('/api/v1/me/push-tokens')
        .set(headers)
        .send({ token, platform: 'android' });
      expect(registered.status).toBe(201);
      const duty = await t.http
        .put('/api/v1/operators/me/duty')
        .set(headers)
        .send({ onDuty: true });
      expect(duty.status).toBe(200);
      operators.push(headers);
    }
    const coordinator = await as(t, 'coordinator');
    for (let i = 0; i < (server ? 8 : 3); i++) {
      const { allocation } = await activeAllocation(t);
      const device = await registerDevice(t);
      const assigned = await t.http
        .post(`/api/v1/allocations/${allocation.id}/device`)
        .set(coordinator)
        .send({ deviceId: device.id });
      expect(assigned.status).toBeLessThan(300);
      devices.push({ allocationId: allocation.id, serial: device.serialNumber });
    }
  }, 120_000);

  afterAll(async () => {
    logSpy?.mockRestore();
    if (running) await t.close();
    await link?.close();
    await fcm?.stop();
    await database?.drop();
    console.log(`alarms race (${database?.kind}):\n${JSON.stringify(summary, null, 2)}`);
  });

  /** The error lines the service logged so far, without their request id. */
  const errorLog = (): LoggedError[] =>
    (logSpy?.mock.calls ?? []).map((args: unknown[]) => {
      const [first, ...rest] = args;
      const { requestId, ...fields } = (first && typeof first === 'object' ? first : {}) as {
        requestId?: string;
      };
      const parts = [typeof first === 'string' ? first : JSON.stringify(fields), ...rest];
      return {
        text: parts.map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join(' '),
        requestId,
      };
    });

  async function exchange(
    kind: Kind,
    round: number,
    device: number,
    request: PromiseLike<{ status: number; body: unknown }>,
    eventId?: string,
  ): Promise<Exchange> {
    let answer: Exchange;
    try {
      const { status, body } = await request;
      const requestId = (body as { requestId?: unknown } | undefined)?.requestId;
      answer = { kind, round, device, status, body, eventId };
      if (typeof requestId === 'string') answer.requestId = requestId;
    } catch (error) {
      // No HTTP answer at all (the connection failed): status 0, never expected.
      answer = { kind, round, device, status: 0, body: String(error), eventId };
    }
    exchanges.push(answer);
    return answer;
  }

  const press = (round: number, device: number) => {
    const eventId = randomUUID();
    const request = t.http
      .post('/api/v1/device-events')
      .set(gateway)
      .send({
        eventId,
        device: devices[device].serial,
        type: 'distress',
        occurredAt: new Date().toISOString(),
        location: { lat: 44.0176 + device / 1000, lon: 1.355 + round / 1000, accuracy: 12 },
      });
    return exchange('press', round, device, request, eventId);
  };
  const ack = (round: number, device: number, operator: number, alarmId: string) =>
    exchange(
      'ack',
      round,
      device,
      t.http.post(`/api/v1/alarms/${alarmId}/ack`).set(operators[operator]),
    );
  const resolve = (round: number, device: number, operator: number, alarmId: string) =>
    exchange(
      'resolve',
      round,
      device,
      t.http
        .post(`/api/v1/alarms/${alarmId}/resolve`)
        .set(operators[operator])
        .send({ outcome: 'test', note: `Race round ${round}.` }),
    );

  /**
   * How long a push stays leased to its sender unrenewed (PUSH_LEASE_MS). A push sent but whose
   * outcome was not recorded is still pending: it goes again once that lease has run out.
   */
  const lease = () => t.config.push.leaseMs;
  /** When the test first saw each alarm, in the answer to a press. */
  const openedAt = new Map<string, number>();

  /**
   * One device's round: a distress opens (or joins) its alarm; then at once 2 or 3 more presses,
   * and the operator's acknowledgement and resolution with one more press (every third round, a
   * second operator acknowledges and resolves too). The operators act right away or up to 280 ms
   * later, spread over rounds and devices, so that some meet the dispatcher recording the push.
   * The operators of the last quarter of the devices (one at least) are slow, as they may be in
   * service: they act only once the alarm is older than the push lease, so that a push sent but not
   * recorded would be seen going out again.
   */
  async function round(r: number, device: number): Promise<void> {
    const opening = await press(r, device);
    const alarmId = (opening.body as { alarmId?: unknown } | undefined)?.alarmId;
    if (opening.status !== 201 || typeof alarmId !== 'string') return;
    if (!openedAt.has(alarmId)) openedAt.set(alarmId, Date.now());
    const slow = device >= devices.length - Math.max(1, devices.length >> 2);
    const act = !slow || Date.now() - openedAt.get(alarmId)! > lease() + 1_000;
    const both = (r + device) % 3 === 0;
    const operatorsAct = async () => {
      await sleep(((r * 3 + device) % 8) * STEP_MS);
      await Promise.all([
        ...(act ? [ack(r, device, 0, alarmId), resolve(r, device, 0, alarmId)] : []),
        press(r, device),
        ...(act && both ? [ack(r, device, 1, alarmId), resolve(r, device, 1, alarmId)] : []),
      ]);
    };
    await Promise.all([
      ...Array.from({ length: 2 + ((r + device) % 2) }, () => press(r, device)),
      operatorsAct(),
    ]);
  }

  const deadlocks = async (query: (sql: string) => Promise<Array<{ deadlocks: string }>>) => {
    await query('SELECT pg_stat_clear_snapshot()');
    const [row] = await query(
      'SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()',
    );
    return Number(row.deadlocks);
  };

  it('answers every press 201 and every ack or resolve 200 or 409, never 5xx', async () => {
    summary.deadlocksBefore = server ? await deadlocks((sql) => t.db.query(sql)) : 'n/a (PGlite)';
    const rounds = server ? 40 : 8;
    const started = Date.now();
    for (let r = 0; r < rounds; r++)
      await Promise.all(devices.map((_, device) => round(r, device)));
    roundsDone = Date.now();

    const failed = exchanges.filter((e) => e.status >= 500 || e.status === 0);
    const log = errorLog();
    const cause = (e: Exchange) =>
      log.find((l) => e.requestId !== undefined && l.requestId === e.requestId)?.text ??
      'no log line';
    Object.assign(summary, {
      devices: devices.length,
      rounds,
      roundsMs: roundsDone - started,
      requests: exchanges.length,
      statuses: Object.fromEntries(
        (['press', 'ack', 'resolve'] as const).map((kind) => [
          kind,
          tally(exchanges.filter((e) => e.kind === kind).map((e) => e.status)),
        ]),
      ),
      serverErrors: failed.length,
      serverErrorCauses: tally(failed.map((e) => `${e.kind} ${e.status}: ${cause(e)}`)),
    });

    const show = (e: Exchange) =>
      `${e.kind} (round ${e.round}, device ${e.device}) ${e.status} ${JSON.stringify(e.body)}`;
    expect(failed.map((e) => `${show(e)} logged: ${cause(e)}`)).toEqual([]);
    expect(exchanges.filter((e) => !EXPECTED[e.kind].includes(e.status)).map(show)).toEqual([]);
  }, 150_000);

  it('stores every press it answered 201, each on an alarm', async () => {
    const answered = exchanges.filter((e) => e.kind === 'press' && e.status === 201);
    expect(answered.length).toBeGreaterThan(0);
    const stored: Array<{ event_id: string; alarm_id: string | null }> = await t.db.query(
      `SELECT event_id, alarm_id FROM device_event WHERE gateway_id = $1 AND event_id = ANY($2)`,
      [GATEWAY, answered.map((e) => e.eventId)],
    );
    const placed = new Set(stored.filter((s) => s.alarm_id !== null).map((s) => s.event_id));
    expect(answered.filter((e) => !placed.has(e.eventId!)).map((e) => e.eventId)).toEqual([]);
  });

  it('leaves at most one unresolved alarm per allocation', async () => {
    const doubled = await t.db.query(
      `SELECT allocation_id, array_agg(id ORDER BY received_at) AS alarms FROM alarm
       WHERE status <> 'resolved' GROUP BY allocation_id HAVING count(*) > 1`,
    );
    expect(doubled).toEqual([]);
  });

  let alarms: Array<{ id: string; received_at: Date }> = [];
  let messages: FcmMessage[] = [];
  const firstPushes = () =>
    messages.filter((m) => m.data?.escalationLevel === '0' && m.state === 'ok');

  it('sends every alarm its first push, to each on-duty token, once', async () => {
    alarms = await t.db.query(`SELECT id, received_at FROM alarm WHERE allocation_id = ANY($1)`, [
      devices.map((d) => d.allocationId),
    ]);
    const missing = () => {
      const got = new Set(firstPushes().map((m) => `${m.data.alarmId} ${m.token}`));
      return alarms.flatMap((a) =>
        TOKENS.map((token) => `${a.id} ${token}`).filter((key) => !got.has(key)),
      );
    };
    // Every first push arrives (asserted below, once the wait is over)...
    await eventually(async () => {
      messages = await fcm.messages();
      expect(missing()).toEqual([]);
    }, 15_000).catch(() => undefined);
    // ...and nothing more, even from alarms left open longer than the lease.
    await sleep(Math.max(0, roundsDone + lease() + 1_500 - Date.now()));
    messages = await fcm.messages();

    const copies = tally(firstPushes().map((m) => `${m.data.alarmId} ${m.token}`));
    const duplicated = Object.entries(copies).filter(([, n]) => n > 1);
    const delays = alarms
      .map((a) => {
        const pushed = firstPushes().filter((m) => m.data.alarmId === a.id);
        return Math.min(...pushed.map((m) => m.at)) - new Date(a.received_at).getTime();
      })
      .filter(Number.isFinite)
      .sort((a, b) => a - b);
    Object.assign(summary, {
      alarmsOpened: alarms.length,
      firstPushesMissing: missing().length,
      firstPushesDuplicated: duplicated.length,
      receiptToFirstPushMs: {
        median: delays[Math.floor(delays.length / 2)],
        worst: delays[delays.length - 1],
      },
    });

    // For each push sent twice, what the outbox holds of it: its state, attempts and outcomes.
    const explained = [];
    for (const [key, n] of duplicated.slice(0, 10)) {
      const [alarmId, token] = key.split(' ');
      const [delivery] = await t.db.query(
        `SELECT d.status, d.attempts, d.last_error, a.status AS alarm,
                array(SELECT p.outcome FROM push_attempt p WHERE p.delivery_id = d.id ORDER BY p.id) AS recorded
         FROM push_delivery d JOIN alarm a ON a.id = d.alarm_id
         WHERE d.alarm_id = $1 AND d.escalation_level = 0 AND d.token = $2`,
        [alarmId, token],
      );
      explained.push({ alarmId, token, sent: n, delivery });
    }
    expect(missing()).toEqual([]);
    expect(explained).toEqual([]);
  }, 60_000);

  it('records the outcome of every first push FCM accepted, and the alarm as pushed', async () => {
    const accepted = [...new Set(firstPushes().map((m) => m.data.deliveryId))];
    expect(accepted.length).toBeGreaterThan(0);
    const unrecorded: Array<{
      delivery: string;
      alarm: string;
      marked: boolean;
      recorded: string;
    }> = await t.db.query(
      `SELECT d.status AS delivery, a.status AS alarm, a.first_pushed_at IS NOT NULL AS marked,
                array_to_string(array(SELECT p.outcome FROM push_attempt p
                                      WHERE p.delivery_id = d.id ORDER BY p.id), ',') AS recorded
         FROM push_delivery d JOIN alarm a ON a.id = d.alarm_id
         WHERE d.id = ANY($1::uuid[]) AND (d.status <> 'sent' OR a.first_pushed_at IS NULL
           OR NOT EXISTS (SELECT 1 FROM push_attempt p WHERE p.delivery_id = d.id AND p.outcome = 'sent'))`,
      [accepted],
    );
    summary.loggedErrors = tally(
      errorLog()
        .filter((l) => !l.requestId)
        .map((l) => l.text),
    );
    // Sent, yet the outbox says otherwise: how many, by what it holds.
    summary.firstPushesUnrecorded = tally(
      unrecorded.map(
        (u) =>
          `delivery ${u.delivery}, attempts recorded [${u.recorded}], alarm ${u.alarm}` +
          `${u.marked ? '' : ' without first_pushed_at'}`,
      ),
    );
    expect(summary.firstPushesUnrecorded).toEqual({});
  });

  it('stops cleanly, and on the PostgreSQL server without a deadlock', async () => {
    running = false;
    await t.close();
    if (!server) {
      // PGlite runs one transaction at a time: it cannot deadlock.
      summary.deadlocksAfter = 'n/a (PGlite)';
      return;
    }
    // A backend counts a deadlock in its own pending statistics, which it flushes at most once a
    // second while busy (10 s later once idle) and always when it exits; pg_stat_force_next_flush()
    // acts on the caller's backend only. So: the app closed (its pool ended its connections), wait
    // until none of its backends is left, give their exit a moment, then read.
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const query = async (sql: string) => (await client.query(sql)).rows;
      await eventually(async () => {
        const [{ n }] = await query(
          `SELECT count(*)::int AS n FROM pg_stat_activity
           WHERE datname = current_database() AND pid <> pg_backend_pid()`,
        );
        expect(n).toBe(0);
      });
      await sleep(1_000);
      summary.deadlocksAfter = await deadlocks(query);
    } finally {
      await client.end();
    }
    expect(summary.deadlocksAfter).toBe(summary.deadlocksBefore);
  }, 30_000);
});
