import { randomUUID } from 'node:crypto';

import { signDevToken } from '../src/auth/token-verifier';
import { eventually } from './support/fcm';
import { ManualClock } from './support/manual-clock';
import { listen, openFeed, SseClient, SseEvent } from './support/sse';
import { startTestApp, TestApp } from './support/test-app';
import { enrolledDevice } from './support/tgd-journey';

/**
 * Two instances on one database, a console on each: every console sees every change of every
 * alarm, whichever instance handled it, once and in order; a console that reconnects to the other
 * instance with Last-Event-ID gets exactly what it missed.
 */
describe('alarm feed: cluster-wide, with catch-up on reconnect', () => {
  const clock = new ManualClock(new Date('2026-11-25T21:00:00Z'));
  const env = { ALARM_ESCALATION_SECONDS: '30,60', PUSH_POLL_MS: '50' };
  let a: TestApp;
  let b: TestApp;
  let baseA: string;
  let baseB: string;
  let operator: string;
  let gateway: Record<string, string>;
  const consoles: SseClient[] = [];

  beforeAll(async () => {
    a = await startTestApp({ clock, env });
    b = await startTestApp({ clock, env, database: a.database });
    baseA = await listen(a);
    baseB = await listen(b);
    operator = `Bearer ${await a.token('operator', ['FR-82'], 'operator-82')}`;
    gateway = { Authorization: `Bearer ${await a.token('gateway', ['*'], 'gateway-1')}` };
  });
  afterAll(async () => {
    for (const c of consoles) c.close();
    await b.close();
    await a.close();
  });

  const device = async (t: TestApp) => (await enrolledDevice(t)).serial;
  const press = (t: TestApp, serial: string, type = 'distress') =>
    t.http
      .post('/api/v1/device-events')
      .set(gateway)
      .send({
        eventId: randomUUID(),
        device: serial,
        type,
        occurredAt: clock.now().toISOString(),
        location: { lat: 44.01, lon: 1.35 },
      });
  const act = (t: TestApp, alarmId: string, what: string, body: object = {}) =>
    t.http.post(`/api/v1/alarms/${alarmId}/${what}`).set({ Authorization: operator }).send(body);
  const feed = async (base: string, lastEventId?: string) => {
    const c = await openFeed(base, operator, lastEventId);
    consoles.push(c);
    return c;
  };
  const ofAlarm = (events: SseEvent[], alarmId: string) =>
    events.filter((e) => e.data.alarmId === alarmId).map((e) => e.type);

  it('shows every change on both instances, once, in order per alarm', async () => {
    const onA = await feed(baseA);
    const onB = await feed(baseB);
    const [first, second] = [await device(a), await device(b)];

    const one = (await press(a, first)).body.alarmId as string;
    const two = (await press(b, second)).body.alarmId as string;
    expect((await press(b, first)).body.alarmId).toBe(one);
    expect((await press(a, second, 'location')).body.alarmId).toBe(two);
    expect((await act(b, one, 'ack')).status).toBe(200);
    expect((await act(a, one, 'police', { note: 'Patrouille envoyée.' })).status).toBe(200);
    // A new press after the acknowledgement reopens the alarm.
    expect((await press(a, first)).body.alarmId).toBe(one);
    clock.advanceDays(31 / 86_400);
    // Both escalate: `two` was never acknowledged, `one` not again since it was reopened.
    await eventually(async () => {
      const levels = await a.db.query(
        `SELECT id, escalation_level FROM alarm WHERE id = ANY($1) ORDER BY escalation_level`,
        [[one, two]],
      );
      expect(levels).toEqual([
        { id: two, escalation_level: 1 },
        { id: one, escalation_level: 2 },
      ]);
    });
    expect(
      (await act(a, one, 'resolve', { outcome: 'intervention', note: 'Sur place.' })).status,
    ).toBe(200);
    expect((await act(b, two, 'resolve', { outcome: 'false_alarm' })).status).toBe(200);

    const expected = {
      [one]: [
        'alarm.opened',
        'alarm.distress',
        'alarm.acknowledged',
        'alarm.police',
        'alarm.reopened',
        'alarm.escalated',
        'alarm.resolved',
      ],
      [two]: ['alarm.opened', 'alarm.location', 'alarm.escalated', 'alarm.resolved'],
    };
    for (const c of [onA, onB])
      await eventually(async () => {
        expect(ofAlarm(c.events, one)).toEqual(expected[one]);
        expect(ofAlarm(c.events, two)).toEqual(expected[two]);
      });
    // The same events, with the same ids, in the same order, on both instances.
    expect(onB.events.map((e) => e.id)).toEqual(onA.events.map((e) => e.id));
    expect(new Set(onA.events.map((e) => e.id)).size).toBe(onA.events.length);
    expect(JSON.stringify(onA.events)).not.toMatch(/Camille|Martin|Montauban|44\.01/);
  });

  it('gives a console that reconnects to the other instance exactly what it missed', async () => {
    const serial = await device(a);
    const before = await feed(baseA);
    const alarmId = (await press(a, serial)).body.alarmId as string;
    await eventually(async () => expect(ofAlarm(before.events, alarmId)).toEqual(['alarm.opened']));
    before.close();
    const lastSeen = before.events[before.events.length - 1].id!;

    await press(b, serial);
    await act(a, alarmId, 'ack');
    await act(b, alarmId, 'resolve', { outcome: 'test' });

    const after = await feed(baseB, lastSeen);
    await eventually(async () =>
      expect(ofAlarm(after.events, alarmId)).toEqual([
        'alarm.distress',
        'alarm.acknowledged',
        'alarm.resolved',
      ]),
    );
    // Live events follow the catch-up, still once.
    const next = (await press(a, serial)).body.alarmId as string;
    await eventually(async () => expect(ofAlarm(after.events, next)).toEqual(['alarm.opened']));
    expect(new Set(after.events.map((e) => e.id)).size).toBe(after.events.length);
    await act(a, next, 'resolve', { outcome: 'test' });
  });

  it('tells a console whose position is unknown to reload', async () => {
    // A well-formed position of a row the journal does not hold (trimmed, or never written).
    const lost = await feed(baseB, '1-999999999');
    await eventually(async () => expect(lost.events.map((e) => e.type)).toContain('feed.reset'));
  });

  it('keeps its feed to the jurisdictions of the console', async () => {
    const elsewhere = await openFeed(
      baseA,
      `Bearer ${await a.token('operator', ['FR-71'], 'operator-71')}`,
    );
    consoles.push(elsewhere);
    const serial = await device(b);
    const watcher = await feed(baseA);
    const alarmId = (await press(b, serial)).body.alarmId as string;
    await act(a, alarmId, 'resolve', { outcome: 'test' });
    await eventually(async () =>
      expect(ofAlarm(watcher.events, alarmId)).toEqual(['alarm.opened', 'alarm.resolved']),
    );
    expect(elsewhere.events.filter((e) => e.data.alarmId === alarmId)).toEqual([]);
  });

  it('ends a stream when its token expires, so that a revoked sign-in stops receiving', async () => {
    const shortLived = await signDevToken(a.config, {
      roles: ['operator'],
      jurisdictions: ['FR-82'],
      subject: 'op-short',
      ttlSeconds: 2,
    });
    const started = Date.now();
    const res = await fetch(`${baseA}/api/v1/alarms/stream`, {
      headers: { authorization: `Bearer ${shortLived}` },
    });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    while (!(await reader.read()).done);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
