import { randomUUID } from 'node:crypto';

import { eventually, FcmServer, startFcmServer } from './support/fcm';
import { ManualClock } from './support/manual-clock';
import { startTestApp, TestApp } from './support/test-app';
import { enrolledDevice, registerDevice } from './support/tgd-journey';

const OPERATOR_TOKEN = `op82-${'a'.repeat(40)}`;
const SUPERVISOR_TOKEN = `sup82-${'b'.repeat(40)}`;
const OTHER_TOKEN = `op71-${'c'.repeat(40)}`;

describe('alarms: ingestion, push through firebase-admin, operators, escalation', () => {
  let t: TestApp;
  let fcm: FcmServer;
  const clock = new ManualClock(new Date('2026-11-24T20:00:00Z'));
  let gateway: Record<string, string>;
  let operator: Record<string, string>;
  let serial: string;
  let allocationId: string;

  beforeAll(async () => {
    fcm = await startFcmServer();
    t = await startTestApp({
      clock,
      env: {
        ...fcm.env,
        PUSH_SEND_TIMEOUT_MS: '700',
        PUSH_POLL_MS: '50',
        ALARM_ESCALATION_SECONDS: '30,60',
      },
    });
    gateway = { Authorization: `Bearer ${await t.token('gateway', ['*'], 'gateway-orange-1')}` };
    operator = { Authorization: `Bearer ${await t.token('operator', ['FR-82'], 'operator-82')}` };
    const supervisor = {
      Authorization: `Bearer ${await t.token('operator', ['FR-82'], 'supervisor-82')}`,
    };
    const elsewhere = {
      Authorization: `Bearer ${await t.token('operator', ['FR-71'], 'operator-71')}`,
    };
    for (const [headers, token, duty] of [
      [operator, OPERATOR_TOKEN, { onDuty: true }],
      [supervisor, SUPERVISOR_TOKEN, { onDuty: false, supervisor: true }],
      [elsewhere, OTHER_TOKEN, { onDuty: true }],
    ] as const) {
      expect(
        (
          await t.http
            .post('/api/v1/me/push-tokens')
            .set(headers)
            .send({ token, platform: 'android' })
        ).status,
      ).toBe(201);
      expect((await t.http.put('/api/v1/operators/me/duty').set(headers).send(duty)).status).toBe(
        200,
      );
    }
    ({ allocationId, serial } = await enrolledDevice(t));
  });
  afterAll(async () => {
    await t.close();
    await fcm.stop();
  });

  const post = (event: Record<string, unknown>) =>
    t.http.post('/api/v1/device-events').set(gateway).send(event);
  const distress = (overrides: Record<string, unknown> = {}) => ({
    eventId: randomUUID(),
    device: serial,
    type: 'distress',
    occurredAt: clock.now().toISOString(),
    location: { lat: 44.0176, lon: 1.355, accuracy: 12 },
    ...overrides,
  });
  const sentTo = async (token: string) => (await fcm.messages()).filter((m) => m.token === token);
  const deliveries = (alarmId: string) =>
    t.db.query(
      `SELECT status, escalation_level, operator_id, attempts, last_error FROM push_delivery WHERE alarm_id = $1 ORDER BY escalation_level, operator_id`,
      [alarmId],
    );
  const resolve = (alarmId: string) =>
    t.http
      .post(`/api/v1/alarms/${alarmId}/resolve`)
      .set(operator)
      .send({ outcome: 'test', note: 'End of scenario.' });

  it('stores a distress before answering, and pushes it to the on-duty operators of the jurisdiction', async () => {
    const event = distress();
    const res = await post(event);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      eventId: event.eventId,
      outcome: 'accepted',
      alarmId: expect.any(String),
    });
    const [stored] = await t.db.query(
      `SELECT outcome, alarm_id FROM device_event WHERE event_id = $1`,
      [event.eventId],
    );
    expect(stored).toEqual({ outcome: 'accepted', alarm_id: res.body.alarmId });

    const [message] = await eventually(async () => {
      const sent = await sentTo(OPERATOR_TOKEN);
      expect(sent).toHaveLength(1);
      return sent;
    });
    expect(message.authorization).toBe('Bearer test-access-token');
    expect(message.android?.priority).toBe('high');
    // Ids, levels and times only: no name, no position (the app reads those over the API).
    expect(message.data).toEqual({
      type: 'alarm',
      alarmId: res.body.alarmId,
      dangerLevel: 'caracterise',
      caseReference: expect.stringMatching(/^FR-82-/),
      jurisdiction: 'FR-82',
      escalationLevel: '0',
      occurredAt: expect.any(String),
      receivedAt: expect.any(String),
      deliveryId: expect.any(String),
    });
    expect(JSON.stringify(message)).not.toMatch(/Camille|Martin|Montauban|\+336/);
    expect(await sentTo(OTHER_TOKEN)).toEqual([]);
    expect(await sentTo(SUPERVISOR_TOKEN)).toEqual([]);

    // FCM's answer is recorded, and the alarm's first-push time with it, right after it comes back.
    const alarm = await eventually(async () => {
      const body = (await t.http.get(`/api/v1/alarms/${res.body.alarmId}`).set(operator)).body;
      expect(body).toMatchObject({
        status: 'open',
        escalationLevel: 0,
        firstPushedAt: expect.any(String),
      });
      return body;
    });
    expect(alarm.safety).toMatchObject({
      victimName: 'Camille Martin',
      victimPhone: '+33612345678',
      victimAddress: '3 rue des Lilas, 82000 Montauban',
      authorDescription: 'Tall, grey van',
      protectionMeasures: ['contact_ban'],
      dangerLevel: 'Danger caractérisé',
      redFlags: expect.arrayContaining(['Tentative de strangulation', 'Menaces de mort']),
    });
    expect(alarm.track).toEqual([
      { lat: 44.0176, lon: 1.355, accuracy: 12, occurredAt: expect.any(String) },
    ]);
    const metrics = (await t.http.get('/metrics')).text;
    expect(metrics).toMatch(/push_sends_total\{outcome="sent"\} [1-9]/);
    expect(metrics).toMatch(/alarm_receipt_to_push_seconds_count [1-9]/);
    expect(metrics).toMatch(/push_backlog 0/);
    await resolve(res.body.alarmId);
  });

  it('answers a repeated event id with the same answer and stores nothing twice; a second press joins the open alarm', async () => {
    const event = distress();
    const first = await post(event);
    const again = await post(event);
    expect(again.status).toBe(first.status);
    expect(again.body).toEqual(first.body);
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM device_event WHERE event_id = $1`,
      [event.eventId],
    );
    expect(n).toBe(1);
    const second = await post(distress());
    expect(second.body.alarmId).toBe(first.body.alarmId);
    const location = await post(
      distress({ type: 'location', location: { lat: 44.02, lon: 1.36 } }),
    );
    expect(location.body.alarmId).toBe(first.body.alarmId);
    await eventually(async () =>
      expect(
        (await deliveries(first.body.alarmId)).map((d: { status: string }) => d.status),
      ).toEqual(['sent']),
    );
    const alarm = (await t.http.get(`/api/v1/alarms/${first.body.alarmId}`).set(operator)).body;
    expect(alarm.track).toHaveLength(3);
    await resolve(first.body.alarmId);
  });

  it('opens one alarm for presses at once, stores a doubled post once, and places every press that races the resolution', async () => {
    const presses = Array.from({ length: 12 }, () => distress());
    const doubled = distress();
    const answers = await Promise.all([...presses, doubled, doubled].map((event) => post(event)));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
    const alarmIds = new Set(answers.map((a) => a.body.alarmId));
    expect(alarmIds.size).toBe(1);
    const [alarmId] = alarmIds;
    expect(answers[12].body).toEqual(answers[13].body);
    const [{ events, alarms }] = await t.db.query(
      `SELECT (SELECT count(*)::int FROM device_event WHERE event_id = ANY($1)) AS events,
              (SELECT count(*)::int FROM alarm WHERE allocation_id = $2) AS alarms`,
      [[...presses, doubled].map((e) => e.eventId), allocationId],
    );
    expect(events).toBe(13);

    // Presses racing the operator's resolution: each is stored on an alarm, the resolved one
    // (stored before) or one new alarm (after), which stays open.
    const racing = Array.from({ length: 8 }, () => distress());
    const [resolved, ...raced] = await Promise.all([
      resolve(alarmId),
      ...racing.map((event) => post(event)),
    ]);
    expect(resolved.status).toBe(200);
    const placed: Array<{ alarm_id: string }> = await t.db.query(
      `SELECT alarm_id FROM device_event WHERE event_id = ANY($1) AND alarm_id IS NOT NULL`,
      [racing.map((e) => e.eventId)],
    );
    expect(placed).toHaveLength(8);
    expect(raced.every((a) => a.status === 201)).toBe(true);
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM alarm WHERE allocation_id = $1 AND status <> 'resolved'`,
      [allocationId],
    );
    expect(n).toBeLessThanOrEqual(1);
    const after = (await t.db.query(
      `SELECT count(*)::int AS n FROM alarm WHERE allocation_id = $1`,
      [allocationId],
    )) as Array<{ n: number }>;
    expect(after[0].n - alarms).toBe(n);
    for (const id of new Set(placed.map((p) => p.alarm_id))) if (id !== alarmId) await resolve(id);
  });

  it('records a distress it cannot place, for the operators, and answers 4xx naming the fault', async () => {
    const count = async () =>
      (
        await t.db.query(`SELECT count(*)::int AS n FROM device_event WHERE outcome = 'rejected'`)
      )[0].n;
    const before = await count();
    const unknown = await post(distress({ device: 'NO-SUCH-DEVICE' }));
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ type: '/problems/unknown-device', recorded: true });
    const future = await post(
      distress({ occurredAt: new Date(clock.now().getTime() + 3_600_000).toISOString() }),
    );
    expect(future.status).toBe(400);
    expect(future.body.errors[0].field).toBe('occurredAt');
    const malformed = await post(distress({ location: { lat: 123, lon: 1 } }));
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].field).toBe('location.lat');
    const spare = await registerDevice(t);
    const unassigned = await post(distress({ device: spare.serialNumber }));
    expect(unassigned.status).toBe(422);
    expect(unassigned.body.type).toBe('/problems/no-active-allocation');
    expect(await count()).toBe(before + 4);
    // The same bad distress again: the same answer, still one record.
    expect(
      (await post(distress({ eventId: unknown.body.eventId, device: 'NO-SUCH-DEVICE' }))).body,
    ).toEqual(unknown.body);
    expect(await count()).toBe(before + 4);
    // A malformed event that is not a distress is refused and not kept.
    const test = await post({
      eventId: 'x1',
      device: serial,
      type: 'test',
      occurredAt: 'yesterday',
    });
    expect(test.status).toBe(400);
    expect(await count()).toBe(before + 4);
    expect((await t.http.post('/api/v1/device-events').set(operator).send(distress())).status).toBe(
      403,
    );
  });

  it('keeps a malformed distress whatever its body: NUL in its id, an array, a prototype key', async () => {
    const count = async () =>
      (
        await t.db.query(`SELECT count(*)::int AS n FROM device_event WHERE outcome = 'rejected'`)
      )[0].n as number;
    const before = await count();
    const raw = (body: string) =>
      t.http
        .post('/api/v1/device-events')
        .set({ ...gateway, 'Content-Type': 'application/json' })
        .send(body);
    const bodies = [
      `{"eventId":"e\\u0000${randomUUID()}","device":"${serial}","type":"distress","occurredAt":"${clock.now().toISOString()}"}`,
      `[{"eventId":"${randomUUID()}","device":"${serial}","type":"distress"}]`,
      `{"eventId":"${randomUUID()}","device":"${serial}","type":"distress","constructor":{"prototype":{"x":1}}}`,
    ];
    for (const body of bodies) {
      const res = await raw(body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ recorded: true, errors: expect.any(Array) });
      // Posted again, the same answer and no second record.
      expect((await raw(body)).body).toEqual(res.body);
    }
    expect(await count()).toBe(before + bodies.length);
    // Without a word of distress, a malformed event is refused and not kept.
    expect((await raw('[1,2,3]')).status).toBe(400);
    expect(await count()).toBe(before + bodies.length);
  });

  it("answers a gateway about another jurisdiction's device as about an unknown one, and keeps the distress", async () => {
    const elsewhere = {
      Authorization: `Bearer ${await t.token('gateway', ['FR-71'], 'gateway-71')}`,
    };
    const event = distress();
    const res = await t.http.post('/api/v1/device-events').set(elsewhere).send(event);
    const unknown = await t.http
      .post('/api/v1/device-events')
      .set(elsewhere)
      .send(distress({ device: 'NO-SUCH-SERIAL' }));
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ type: '/problems/unknown-device', recorded: true });
    const strip = (body: Record<string, unknown>) =>
      JSON.stringify({ ...body, eventId: null, detail: null });
    expect(strip(res.body)).toBe(strip(unknown.body));
    const [stored] = await t.db.query(
      `SELECT outcome, rejection, jurisdiction, alarm_id FROM device_event WHERE event_id = $1`,
      [event.eventId],
    );
    expect(stored).toEqual({
      outcome: 'rejected',
      rejection: 'unknown-device',
      jurisdiction: 'FR-82',
      alarm_id: null,
    });
  });

  it('drops a token FCM says is unregistered, and only that one', async () => {
    const stale = {
      Authorization: `Bearer ${await t.token('operator', ['FR-82'], 'operator-stale')}`,
    };
    await t.http
      .post('/api/v1/me/push-tokens')
      .set(stale)
      .send({ token: `unregistered-${'d'.repeat(30)}`, platform: 'ios' });
    await t.http.put('/api/v1/operators/me/duty').set(stale).send({ onDuty: true });
    const { body } = await post(distress());
    await eventually(async () => {
      const rows = await deliveries(body.alarmId);
      expect(
        rows.map((d: { operator_id: string; status: string }) => `${d.operator_id}:${d.status}`),
      ).toEqual(['operator-82:sent', 'operator-stale:dropped']);
    });
    expect((await t.http.get('/api/v1/operators/me').set(stale)).body.tokens).toEqual([]);
    expect((await t.http.get('/api/v1/operators/me').set(operator)).body.tokens).toHaveLength(1);
    await t.http.put('/api/v1/operators/me/duty').set(stale).send({ onDuty: false });
    await resolve(body.alarmId);
  });

  it.each([
    ['quota exceeded (429)', 'quota', 'messaging/message-rate-exceeded'],
    ['a server error (500)', 'error', 'messaging/internal-error'],
    ['a timeout', 'timeout', 'timeout'],
  ] as const)(
    'retries with backoff after %s, and delivers once FCM answers',
    async (_, mode, code) => {
      await fcm.mode(mode);
      const { body } = await post(distress());
      const [failed] = await eventually(async () => {
        const rows = await deliveries(body.alarmId);
        expect(rows[0]).toMatchObject({
          status: 'pending',
          last_error: expect.stringContaining(code.split('/').pop()!),
        });
        return rows;
      });
      expect(failed.attempts).toBeGreaterThanOrEqual(1);
      await fcm.mode('ok');
      clock.advanceDays(2 / 86_400);
      await eventually(async () => expect((await deliveries(body.alarmId))[0].status).toBe('sent'));
      const attempts = await t.db.query(
        `SELECT a.outcome FROM push_attempt a JOIN push_delivery d ON d.id = a.delivery_id WHERE d.alarm_id = $1 ORDER BY a.id`,
        [body.alarmId],
      );
      // Failed tries (the backoff, and a probe now and then while FCM fails), then one success.
      const outcomes = attempts.map((a: { outcome: string }) => a.outcome);
      expect(outcomes.slice(0, -1)).toEqual(outcomes.slice(0, -1).map(() => 'retry'));
      expect(outcomes.slice(-2)).toEqual(['retry', 'sent']);
      await resolve(body.alarmId);
    },
  );

  it('escalates an unacknowledged alarm to supervisors and on-duty operators, and stops once acknowledged', async () => {
    await fcm.reset();
    const { body } = await post(distress());
    await eventually(async () => expect(await sentTo(OPERATOR_TOKEN)).toHaveLength(1));
    clock.advanceDays(31 / 86_400);
    await eventually(async () => {
      expect(await sentTo(SUPERVISOR_TOKEN)).toHaveLength(1);
      expect(await sentTo(OPERATOR_TOKEN)).toHaveLength(2);
    });
    const [escalated] = await sentTo(SUPERVISOR_TOKEN);
    expect(escalated.data).toMatchObject({
      type: 'alarm-escalation',
      alarmId: body.alarmId,
      escalationLevel: '1',
    });

    const ack = await t.http.post(`/api/v1/alarms/${body.alarmId}/ack`).set(operator);
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({
      status: 'acknowledged',
      acknowledgedBy: 'operator-82',
      nextEscalationAt: null,
      escalationLevel: 1,
    });
    clock.advanceDays(300 / 86_400);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await sentTo(SUPERVISOR_TOKEN)).toHaveLength(1);
    expect((await t.http.post(`/api/v1/alarms/${body.alarmId}/ack`).set(operator)).status).toBe(
      409,
    );

    const calledBack = await t.http
      .post(`/api/v1/alarms/${body.alarmId}/call-back`)
      .set(operator)
      .send({ answered: false, note: 'Pas de réponse, bruits de dispute.' });
    expect(calledBack.status).toBe(200);
    const police = await t.http
      .post(`/api/v1/alarms/${body.alarmId}/police`)
      .set(operator)
      .send({ note: 'Patrouille 82-3 envoyée.', reference: 'CIC82-2026-114523' });
    expect(police.body.policeCalledAt).toEqual(expect.any(String));
    expect(police.body.notes).toEqual([
      expect.objectContaining({ kind: 'call_back', answered: false }),
      expect.objectContaining({ kind: 'police', reference: 'CIC82-2026-114523' }),
    ]);
    const resolved = await t.http
      .post(`/api/v1/alarms/${body.alarmId}/resolve`)
      .set(operator)
      .send({ outcome: 'intervention', note: 'Auteur interpellé devant le domicile.' });
    expect(resolved.body).toMatchObject({
      status: 'resolved',
      outcome: 'intervention',
      resolvedBy: 'operator-82',
    });
    expect(resolved.body.notes.map((n: { kind: string }) => n.kind)).toEqual([
      'call_back',
      'police',
      'resolution',
    ]);
    for (const time of ['receivedAt', 'firstPushedAt', 'acknowledgedAt', 'resolvedAt'])
      expect(resolved.body[time]).toEqual(expect.any(String));
    expect((await resolve(body.alarmId)).status).toBe(409);
  });

  it('keeps retrying while FCM is down, escalates meanwhile, and delivers everything when it returns', async () => {
    await fcm.reset();
    await fcm.mode('unavailable');
    const { body } = await post(distress());
    const failedAttempts = (level: number) =>
      t.db.query(
        `SELECT count(*)::int AS n FROM push_attempt p JOIN push_delivery d ON d.id = p.delivery_id
         WHERE d.alarm_id = $1 AND d.escalation_level = $2 AND p.outcome = 'retry'`,
        [body.alarmId, level],
      );
    await eventually(async () => expect((await failedAttempts(0))[0].n).toBeGreaterThan(0), 20_000);
    clock.advanceDays(31 / 86_400);
    await eventually(async () => {
      const rows = await deliveries(body.alarmId);
      expect(rows.map((d: { escalation_level: number }) => d.escalation_level)).toEqual([0, 1, 1]);
      expect((await failedAttempts(1))[0].n).toBeGreaterThan(0);
    }, 20_000);
    const whileDown = await sentTo(SUPERVISOR_TOKEN);
    expect(whileDown.length).toBeGreaterThan(0);
    expect(whileDown.every((m) => m.state === 'unavailable')).toBe(true);

    await fcm.mode('ok');
    // Time goes on while the backoff runs out.
    const rows = await eventually(async () => {
      clock.advanceDays(2 / 86_400);
      const current = await deliveries(body.alarmId);
      expect(current.filter((d: { status: string }) => d.status !== 'sent')).toEqual([]);
      return current;
    }, 20_000);
    expect(rows.filter((d: { escalation_level: number }) => d.escalation_level === 0)).toHaveLength(
      1,
    );
    expect(
      (await sentTo(SUPERVISOR_TOKEN)).filter((m) => m.state === 'ok').length,
    ).toBeGreaterThanOrEqual(1);
    expect(
      (await sentTo(OPERATOR_TOKEN)).filter(
        (m) => m.state === 'ok' && m.data?.escalationLevel === '0',
      ),
    ).toHaveLength(1);
    await resolve(body.alarmId);
  });

  it('lists open alarms of the jurisdiction only, with their safety file', async () => {
    const { body } = await post(distress());
    const list = await t.http.get('/api/v1/alarms?status=open').set(operator);
    expect(list.body.items.map((a: { id: string }) => a.id)).toEqual([body.alarmId]);
    expect(list.body.items[0].safety.victimName).toBe('Camille Martin');
    const elsewhere = {
      Authorization: `Bearer ${await t.token('operator', ['FR-71'], 'operator-71')}`,
    };
    expect((await t.http.get('/api/v1/alarms?status=open').set(elsewhere)).body.items).toEqual([]);
    expect((await t.http.get(`/api/v1/alarms/${body.alarmId}`).set(elsewhere)).status).toBe(404);
    await resolve(body.alarmId);
    expect(allocationId).toBeDefined();
  });
});

describe('alarms without Firebase credentials', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('still opens alarms, for the live feed only, and /health says push is degraded', async () => {
    const health = await t.http.get('/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({
      status: 'ok',
      degraded: ['push'],
      info: { push: { state: 'degraded' } },
    });
    const { device } = await enrolledDevice(t);
    const gateway = { Authorization: `Bearer ${await t.token('gateway', ['*'], 'gw')}` };
    const res = await t.http.post('/api/v1/device-events').set(gateway).send({
      eventId: 'e-1',
      device: device.serialNumber,
      type: 'distress',
      occurredAt: new Date().toISOString(),
    });
    expect(res.status).toBe(201);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM push_delivery`);
    expect(n).toBe(0);
  });
});
