import { randomUUID } from 'node:crypto';

import { eventually, FcmServer, startFcmServer } from './support/fcm';
import { ManualClock } from './support/manual-clock';
import { startTestApp, TestApp } from './support/test-app';
import { enrolledDevice } from './support/tgd-journey';

const OPERATOR = `op82-${'a'.repeat(40)}`;
const STALE = `unregistered-${'s'.repeat(40)}`;
const SUPERVISOR = `sup82-${'b'.repeat(40)}`;
const DESK = `desk-${'c'.repeat(40)}`;

/**
 * An alarm that reaches no one is the loudest thing in the system: nobody on duty, a last token
 * unregistered, a new press after an acknowledgement, a long FCM outage.
 */
describe('alarm coverage: no alarm pages nobody in silence', () => {
  let t: TestApp;
  let fcm: FcmServer;
  const clock = new ManualClock(new Date('2026-11-25T22:00:00Z'));
  let gateway: Record<string, string>;
  let serial: string;
  const headers: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    fcm = await startFcmServer();
    t = await startTestApp({
      clock,
      env: {
        ...fcm.env,
        PUSH_POLL_MS: '50',
        PUSH_SEND_TIMEOUT_MS: '700',
        PUSH_DEGRADED_AFTER_SECONDS: '20',
        ALARM_ESCALATION_SECONDS: '30,60',
        ALARM_UNPUSHED_SECONDS: '15',
        ALARM_FALLBACK_OPERATORS: 'FR-82=national-desk;*=nowhere',
      },
    });
    gateway = { Authorization: `Bearer ${await t.token('gateway', ['*'], 'gateway-1')}` };
    for (const subject of ['operator-82', 'operator-82b', 'supervisor-82', 'national-desk'])
      headers[subject] = {
        Authorization: `Bearer ${await t.token('operator', subject === 'national-desk' ? ['*'] : ['FR-82'], subject)}`,
      };
    ({ serial } = await enrolledDevice(t));
  });
  afterAll(async () => {
    await t.close();
    await fcm.stop();
  });

  const distress = () =>
    t.http.post('/api/v1/device-events').set(gateway).send({
      eventId: randomUUID(),
      device: serial,
      type: 'distress',
      occurredAt: clock.now().toISOString(),
    });
  const register = (subject: string, token: string) =>
    t.http
      .post('/api/v1/me/push-tokens')
      .set(headers[subject])
      .send({ token, platform: 'android' });
  const duty = (subject: string, body: object) =>
    t.http.put('/api/v1/operators/me/duty').set(headers[subject]).send(body);
  const alarm = async (id: string) =>
    (await t.http.get(`/api/v1/alarms/${id}`).set(headers['operator-82'])).body;
  const pushesOf = async (alarmId: string) =>
    (await fcm.messages())
      .filter((m) => m.data?.alarmId === alarmId)
      .map((m) => `${m.token.split('-')[0]}:${m.data.type}:${m.data.escalationLevel}`);
  const resolve = (id: string) =>
    t.http
      .post(`/api/v1/alarms/${id}/resolve`)
      .set(headers['operator-82'])
      .send({ outcome: 'test' });
  const health = async () => (await t.http.get('/health')).body;

  it('reports a jurisdiction with victims and nobody on duty, in /health and /metrics', async () => {
    const body = await health();
    expect(body.degraded).toContain('alarms');
    expect(body.info.alarms.uncoveredJurisdictions).toEqual(['FR-82']);
    expect((await t.http.get('/metrics')).text).toMatch(
      /alarm_coverage_uncovered\{jurisdiction="FR-82"\} 1/,
    );
  });

  it('escalates at once an alarm nobody can be paged for, counts it and reports it unpushed', async () => {
    const { body } = await distress();
    expect(await alarm(body.alarmId)).toMatchObject({ status: 'open', escalationLevel: 1 });
    expect((await t.http.get('/metrics')).text).toMatch(
      /alarms_unrouted_total\{jurisdiction="FR-82"\} [1-9]/,
    );
    clock.advanceDays(16 / 86_400);
    const report = await health();
    expect(report.info.alarms.unpushedAlarms).toBe(1);
    expect(report.info.alarms.degraded.join(' ')).toMatch(/reached no phone/);
    // Someone comes on duty: the alarm that reached nobody is pushed to them at once.
    await register('operator-82b', `op82b-${'e'.repeat(40)}`);
    expect((await duty('operator-82b', { onDuty: true })).status).toBe(200);
    await eventually(async () =>
      expect(await pushesOf(body.alarmId)).toEqual(['op82b:alarm-escalation:2']),
    );
    expect((await duty('operator-82b', { onDuty: false, confirmUncovered: true })).status).toBe(
      200,
    );
    await resolve(body.alarmId);
  });

  it('pages the fallback operators when no operator is on duty and no supervisor has a phone', async () => {
    await register('national-desk', DESK);
    const { body } = await distress();
    await eventually(async () =>
      expect(await pushesOf(body.alarmId)).toEqual(['desk:alarm-escalation:1']),
    );
    await resolve(body.alarmId);
  });

  it('pages the supervisors first, then the fallback only if they cannot be reached', async () => {
    await register('supervisor-82', SUPERVISOR);
    await duty('supervisor-82', { onDuty: false, supervisor: true });
    const { body } = await distress();
    await eventually(async () =>
      expect(await pushesOf(body.alarmId)).toEqual(['sup82:alarm-escalation:1']),
    );
    await resolve(body.alarmId);
  });

  it("escalates at once when the only on-duty operator's token turns out unregistered", async () => {
    await register('operator-82', STALE);
    expect((await duty('operator-82', { onDuty: true })).status).toBe(200);
    const { body } = await distress();
    // No clock move: the escalation does not wait for its 30 s deadline.
    await eventually(async () =>
      expect((await pushesOf(body.alarmId)).sort()).toEqual([
        'sup82:alarm-escalation:1',
        'unregistered:alarm:0',
      ]),
    );
    expect(await alarm(body.alarmId)).toMatchObject({ escalationLevel: 1 });
    await resolve(body.alarmId);
  });

  it('asks the last operator on duty to confirm going off duty', async () => {
    await register('operator-82', OPERATOR);
    expect((await health()).info.alarms.uncoveredJurisdictions).toEqual([]);
    const refused = await duty('operator-82', { onDuty: false });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      type: '/problems/last-on-duty',
      uncoveredJurisdictions: ['FR-82'],
    });
    expect((await t.http.get('/api/v1/operators/me').set(headers['operator-82'])).body.onDuty).toBe(
      true,
    );
    const confirmed = await duty('operator-82', { onDuty: false, confirmUncovered: true });
    expect(confirmed.status).toBe(200);
    expect((await health()).info.alarms.uncoveredJurisdictions).toEqual(['FR-82']);
    expect((await duty('operator-82', { onDuty: true })).status).toBe(200);
  });

  it('re-alerts the acknowledging operator and re-arms the escalation on a new press', async () => {
    await fcm.reset();
    const { body } = await distress();
    await eventually(async () => expect(await pushesOf(body.alarmId)).toEqual(['op82:alarm:0']));
    const acked = await t.http
      .post(`/api/v1/alarms/${body.alarmId}/ack`)
      .set(headers['operator-82']);
    expect(acked.status).toBe(200);
    clock.advanceDays(5 / 86_400);
    const again = await distress();
    expect(again.body.alarmId).toBe(body.alarmId);
    await eventually(async () =>
      expect(await pushesOf(body.alarmId)).toEqual(['op82:alarm:0', 'op82:alarm-repress:1']),
    );
    const reopened = await alarm(body.alarmId);
    expect(reopened).toMatchObject({ status: 'open', acknowledgedAt: acked.body.acknowledgedAt });
    expect(new Date(reopened.nextEscalationAt).getTime()).toBe(clock.now().getTime() + 30_000);
    // Not acknowledged again in time: everybody is paged.
    clock.advanceDays(31 / 86_400);
    await eventually(async () =>
      expect((await pushesOf(body.alarmId)).slice(2).sort()).toEqual([
        'op82:alarm-escalation:2',
        'sup82:alarm-escalation:2',
      ]),
    );
    const second = await t.http
      .post(`/api/v1/alarms/${body.alarmId}/ack`)
      .set(headers['operator-82']);
    expect(second.body).toMatchObject({
      status: 'acknowledged',
      acknowledgedAt: acked.body.acknowledgedAt,
    });
    await resolve(body.alarmId);
  });

  it('reports push degraded during a long FCM outage, and delivers within seconds of recovery', async () => {
    await fcm.mode('error');
    const { body } = await distress();
    await eventually(async () => {
      const [row] = await t.db.query(`SELECT last_error FROM push_delivery WHERE alarm_id = $1`, [
        body.alarmId,
      ]);
      expect(row.last_error).toMatch(/internal/);
    });
    clock.advanceDays(25 / 86_400);
    const report = await health();
    expect(report.degraded).toContain('push');
    expect(report.info.push.degraded.join(' ')).toMatch(/failed for \d+ s/);
    await fcm.mode('ok');
    // The backoff has grown, but a probe finds FCM back and everything waiting goes at once.
    clock.advanceDays(3 / 86_400);
    await eventually(async () => expect(await pushesOf(body.alarmId)).toContain('op82:alarm:0'));
    await eventually(async () => expect((await health()).degraded).not.toContain('push'));
    await resolve(body.alarmId);
  });
});
