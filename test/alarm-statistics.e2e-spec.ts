import { randomUUID } from 'node:crypto';

import { ManualClock } from './support/manual-clock';
import { startTestApp, TestApp } from './support/test-app';
import { as, enrolledDevice } from './support/tgd-journey';

/**
 * Answer-time statistics on alarms with known times (an injected clock): ten presses over two
 * months, answered after 5, 8, 9, 12, 30, 45, 55, 70 and 200 seconds and one never; the figures are
 * the ones computed by hand below.
 */
describe('answer-time statistics', () => {
  const clock = new ManualClock();
  let t: TestApp;
  const operators = ['op-anne', 'op-bruno'];
  const answers = [5, 8, 9, 12, 30, 45, 55, 70, 200, null];
  const outcomes = [
    'test',
    'intervention',
    'intervention',
    'intervention',
    'intervention',
    'intervention',
    'false_alarm',
    'intervention',
    'intervention',
  ];
  const police: Record<number, number> = { 1: 20, 2: 40 };

  beforeAll(async () => {
    t = await startTestApp({ clock });
    clock.set(new Date('2026-10-01T08:00:00Z'));
    const { serial } = await enrolledDevice(t);
    const gateway = await as(t, 'gateway');
    for (const [i, answer] of answers.entries()) {
      clock.set(new Date(i < 5 ? Date.UTC(2026, 9, 20, 10, i) : Date.UTC(2026, 10, 5, 10, i)));
      const pressed = await t.http.post('/api/v1/device-events').set(gateway).send({
        eventId: randomUUID(),
        device: serial,
        type: 'distress',
        occurredAt: clock.now().toISOString(),
      });
      const alarmId = pressed.body.alarmId as string;
      // The first push, a second after receipt (no FCM here: written as the dispatcher would).
      await t.db.query(
        `UPDATE alarm SET first_pushed_at = received_at + interval '1 second' WHERE id = $1`,
        [alarmId],
      );
      if (answer === null) continue;
      const operator = {
        Authorization: `Bearer ${await t.token('operator', ['FR-82'], operators[i % 2])}`,
      };
      clock.set(new Date(clock.now().getTime() + answer * 1000));
      expect((await t.http.post(`/api/v1/alarms/${alarmId}/ack`).set(operator)).status).toBe(200);
      if (police[i]) {
        clock.set(new Date(clock.now().getTime() + police[i] * 1000));
        await t.http.post(`/api/v1/alarms/${alarmId}/police`).set(operator).send({});
      }
      await t.http
        .post(`/api/v1/alarms/${alarmId}/resolve`)
        .set(operator)
        .send({ outcome: outcomes[i] });
    }
  });
  afterAll(() => t.close());

  const read = async (query: Record<string, string> = {}) =>
    t.http
      .get('/api/v1/alarm-statistics')
      .query({ from: '2026-10-01T00:00:00Z', to: '2026-12-01T00:00:00Z', ...query })
      .set(await as(t, 'admin'));

  it('computes the shares within each target, medians and 95th percentiles', async () => {
    const { status, body } = await read();
    expect(status).toBe(200);
    const overall = body.overall;
    expect(overall).toMatchObject({ alarms: 10, acknowledged: 9 });
    expect(
      overall.targets.map((x: { seconds: number; share: number }) => [x.seconds, x.share]),
    ).toEqual([
      [10, 0.3],
      [40, 0.5],
      [60, 0.7],
      [180, 0.8],
    ]);
    expect(overall.targets.every((x: { met: boolean }) => !x.met)).toBe(true);
    // Nine answers: the median is the fifth (30 s); the 95th percentile lies between 70 and 200.
    expect(overall.receiptToAcknowledgement).toEqual({ median: 30, p95: 148 });
    expect(overall.receiptToPush).toEqual({ median: 1, p95: 1 });
    expect(overall.acknowledgementToPolice).toEqual({ median: 30, p95: 39 });
  });

  it('splits them by month, operator and jurisdiction', async () => {
    const { body } = await read();
    const months = Object.fromEntries(
      body.byMonth.map((m: { key: string; alarms: number; acknowledged: number }) => [
        m.key,
        [m.alarms, m.acknowledged],
      ]),
    );
    expect(months).toEqual({ '2026-10': [5, 5], '2026-11': [5, 4] });
    const byOperator = Object.fromEntries(
      body.byOperator.map((o: { key: string; acknowledged: number }) => [o.key, o.acknowledged]),
    );
    expect(byOperator).toEqual({ 'op-anne': 5, 'op-bruno': 4 });
    expect(body.byJurisdiction.map((j: { key: string }) => j.key)).toEqual(['FR-82']);
  });

  it('lists the alarms that missed 10 s for review, the never-answered and slowest first', async () => {
    const { body } = await read();
    expect(body.misses.map((m: { answerSeconds: number | null }) => m.answerSeconds)).toEqual([
      null,
      200,
      70,
      55,
      45,
      30,
      12,
    ]);
    expect(body.misses[0].missedTargets).toEqual([10, 40, 60, 180]);
    expect(body.misses[2].missedTargets).toEqual([10, 40, 60]);
  });

  it('reads them without tests, false alarms and technical faults when asked', async () => {
    const { body } = await read({ genuineOnly: 'true' });
    // Left out: the 5 s test and the 55 s false alarm.
    expect(body.overall).toMatchObject({ alarms: 8, acknowledged: 7 });
    expect(body.overall.targets.map((x: { share: number }) => x.share)).toEqual([
      2 / 8,
      4 / 8,
      5 / 8,
      6 / 8,
    ]);
  });

  it('exports CSV, sees only its jurisdictions, and refuses a reversed or too long period', async () => {
    const exported = await read({ format: 'csv' });
    expect(exported.headers['content-type']).toContain('text/csv');
    expect(exported.text.split('\r\n')[1]).toMatch(/^all,,10,9,0.3,0.5,0.7,0.8,1,1,30,148,30,39$/);
    // A supervisor of another jurisdiction sees none of these; an operator who is not one, nothing.
    const supervisor71 = await as(t, 'operator', ['FR-71']);
    await t.http
      .put('/api/v1/operators/me/duty')
      .set(supervisor71)
      .send({ onDuty: false, supervisor: true });
    const elsewhere = await t.http
      .get('/api/v1/alarm-statistics')
      .query({ from: '2026-10-01T00:00:00Z', to: '2026-12-01T00:00:00Z' })
      .set(supervisor71);
    expect(elsewhere.body.overall.alarms).toBe(0);
    const plain = await t.http
      .get('/api/v1/alarm-statistics')
      .query({ from: '2026-10-01T00:00:00Z', to: '2026-12-01T00:00:00Z' })
      .set(await as(t, 'operator'));
    expect(plain.status).toBe(403);
    expect((await read({ to: '2026-09-01T00:00:00Z' })).body.code).toBe('validation-error');
    expect((await read({ to: '2028-01-01T00:00:00Z' })).status).toBe(400);
    expect(
      (await t.http.get('/api/v1/alarm-statistics').set(await as(t, 'coordinator'))).status,
    ).toBe(403);
  });

  it('observes each first acknowledgement in a Prometheus histogram', async () => {
    const metrics = await t.http.get('/metrics');
    expect(metrics.text).toMatch(/alarm_answer_seconds_bucket\{le="10",jurisdiction="FR-82"\} 3/);
    expect(metrics.text).toMatch(/alarm_answer_seconds_count\{jurisdiction="FR-82"\} 9/);
  });
});
