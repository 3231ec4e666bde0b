import { randomUUID } from 'node:crypto';

import { SupervisionScanJob } from '../../src/supervision/supervision-scan.job';
import { eventually, FcmServer, startFcmServer } from '../support/fcm';
import { ManualClock } from '../support/manual-clock';
import { startTestApp, TestApp } from '../support/test-app';
import { as, enrolledDevice, postDeviceEvent, registerDevice } from '../support/tgd-journey';

const HOUR = 3_600_000;

/**
 * Device supervision against the real database, on an injected clock: what each report opens and
 * closes, silence and missed tests found by the scan (twice at once opening nothing twice),
 * escalation of what nobody acknowledges, and the device's return or swap closing its alerts.
 */
describe('device supervision (service level)', () => {
  const clock = new ManualClock(new Date('2026-11-02T08:00:00Z'));
  let t: TestApp;
  let scan: () => Promise<number>;

  beforeAll(async () => {
    t = await startTestApp({
      clock,
      env: { SUPERVISION_SILENCE_HOURS_BY_JURISDICTION: 'FR-82=12' },
    });
    const job = t.app.get(SupervisionScanJob);
    scan = () => job.runOnce();
  });
  afterAll(() => t.close());

  async function report(serial: string, type: string, extra: Record<string, unknown> = {}) {
    const res = await postDeviceEvent(t, serial, type, extra, clock.now());
    expect(res.status).toBe(201);
    return res.body;
  }

  /** The device's alerts as "kind:status:resolution", oldest first. */
  async function alertsOf(allocationId: string): Promise<string[]> {
    const rows: { kind: string; status: string; resolution: string | null }[] = await t.db.query(
      `SELECT kind, status, resolution FROM technical_alert WHERE allocation_id = $1
       ORDER BY opened_at, kind`,
      [allocationId],
    );
    return rows.map((r) => `${r.kind}:${r.status}${r.resolution ? `:${r.resolution}` : ''}`);
  }

  it('opens a low battery once and closes it on a charged battery; power off until power on', async () => {
    const { serial, allocationId } = await enrolledDevice(t);
    await report(serial, 'low_battery', { battery: 9 });
    await report(serial, 'low_battery', { battery: 7 });
    expect(await alertsOf(allocationId)).toEqual(['low_battery:open']);
    await report(serial, 'heartbeat', { battery: 85 });
    expect(await alertsOf(allocationId)).toEqual(['low_battery:resolved:cleared_by_device']);

    await report(serial, 'power_off');
    expect(await alertsOf(allocationId)).toContain('power_off:open');
    await report(serial, 'power_on');
    expect(await alertsOf(allocationId)).toContain('power_off:resolved:cleared_by_device');
  });

  it('opens a failed test, which a passed test closes; a failed test is not a test done', async () => {
    const { serial, allocationId } = await enrolledDevice(t);
    await report(serial, 'test', { result: 'failed' });
    expect(await alertsOf(allocationId)).toEqual(['test_failed:open']);
    await report(serial, 'test', { result: 'passed' });
    expect(await alertsOf(allocationId)).toEqual(['test_failed:resolved:cleared_by_device']);
  });

  it('finds a silent device past its jurisdiction’s interval, once, and closes it when a distress is heard', async () => {
    const { serial, allocationId } = await enrolledDevice(t);
    clock.set(new Date(clock.now().getTime() + 11 * HOUR));
    await scan();
    expect(await alertsOf(allocationId)).toEqual([]);
    clock.set(new Date(clock.now().getTime() + 2 * HOUR));
    // Two instances scanning at once: one alert.
    await Promise.all([scan(), t.app.get(SupervisionScanJob).runOnce()]);
    await scan();
    expect(await alertsOf(allocationId)).toEqual(['silent:open']);

    // Heard on the alarm path (a distress): the next scan closes the silence.
    clock.set(new Date(clock.now().getTime() + 60_000));
    await report(serial, 'distress', { location: { lat: 44.0176, lon: 1.355 } });
    await scan();
    expect(await alertsOf(allocationId)).toEqual(['silent:resolved:cleared_by_device']);
  });

  it('finds a missed periodic test, which the next passed test closes', async () => {
    const { serial, allocationId } = await enrolledDevice(t);
    clock.advanceDays(16);
    await report(serial, 'heartbeat'); // heard, but not tested
    await scan();
    expect(await alertsOf(allocationId)).toEqual(['test_missed:open']);
    await report(serial, 'test');
    expect(await alertsOf(allocationId)).toEqual(['test_missed:resolved:cleared_by_device']);
  });

  it('escalates what nobody acknowledges, and stops once someone does', async () => {
    const { serial, allocationId } = await enrolledDevice(t);
    await report(serial, 'power_off');
    const [alert] = await t.db.query(`SELECT id FROM technical_alert WHERE allocation_id = $1`, [
      allocationId,
    ]);
    clock.set(new Date(clock.now().getTime() + 61 * 60_000));
    await scan();
    const level = async () =>
      (
        await t.db.query(`SELECT escalation_level FROM technical_alert WHERE id = $1`, [alert.id])
      )[0].escalation_level;
    expect(await level()).toBe(1);
    const acked = await t.http
      .post(`/api/v1/technical-alerts/${alert.id}/ack`)
      .set(await as(t, 'operator'));
    expect(acked.status).toBe(200);
    clock.set(new Date(clock.now().getTime() + 3 * HOUR));
    await scan();
    expect(await level()).toBe(1);
  });

  it('closes a device’s alerts when it is swapped or returned, and stops supervising it', async () => {
    const { serial, allocationId } = await enrolledDevice(t);
    await report(serial, 'power_off');
    const spare = await registerDevice(t);
    const swapped = await t.http
      .post(`/api/v1/allocations/${allocationId}/device/swap`)
      .set(await as(t, 'coordinator'))
      .send({ deviceId: spare.id, condition: 'faulty' });
    expect(swapped.status).toBe(200);
    expect(await alertsOf(allocationId)).toEqual(['power_off:resolved:device_swapped']);

    await report(spare.serialNumber, 'low_battery');
    const returned = await t.http
      .post(`/api/v1/allocations/${allocationId}/device/return`)
      .set(await as(t, 'coordinator'))
      .send({ condition: 'ok' });
    expect(returned.status).toBe(200);
    expect(await alertsOf(allocationId)).toContain('low_battery:resolved:device_returned');
    clock.advanceDays(30);
    await scan();
    expect((await alertsOf(allocationId)).filter((a) => a.includes(':open'))).toEqual([]);
  });

  it('stops supervising a device whose allocation ended, even while still in hand', async () => {
    const { serial, allocationId } = await enrolledDevice(t);
    await report(serial, 'power_off');
    const ended = await t.http
      .post(`/api/v1/allocations/${allocationId}/end`)
      .set(await as(t, 'prosecutor'))
      .send({ reason: 'danger_ended' });
    expect(ended.status).toBe(200);
    expect(await alertsOf(allocationId)).toEqual(['power_off:resolved:allocation_ended']);
    clock.advanceDays(20);
    await scan();
    expect(await alertsOf(allocationId)).toEqual(['power_off:resolved:allocation_ended']);
  });

  it('serves the technical queue to its jurisdictions only, resolved with what was done', async () => {
    const { serial, allocationId } = await enrolledDevice(t);
    await report(serial, 'power_off');
    const operator = await as(t, 'operator');
    const queue = await t.http
      .get('/api/v1/technical-alerts')
      .query({ status: 'open', kind: 'power_off' })
      .set(operator);
    const mine = queue.body.items.find(
      (a: { allocationId: string }) => a.allocationId === allocationId,
    );
    expect(mine).toMatchObject({ kind: 'power_off', status: 'open', jurisdiction: 'FR-82' });
    const elsewhere = await t.http
      .get('/api/v1/technical-alerts')
      .set(await as(t, 'operator', ['FR-71']));
    expect(elsewhere.body.items).toEqual([]);
    expect(
      (
        await t.http
          .get(`/api/v1/technical-alerts/${mine.id}`)
          .set(await as(t, 'operator', ['FR-71']))
      ).status,
    ).toBe(404);

    const resolved = await t.http
      .post(`/api/v1/technical-alerts/${mine.id}/resolve`)
      .set(operator)
      .send({ resolution: 'called_victim', note: 'Téléphone rallumé avec la victime.' });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({
      status: 'resolved',
      resolution: 'called_victim',
      note: 'Téléphone rallumé avec la victime.',
    });
    const again = await t.http
      .post(`/api/v1/technical-alerts/${mine.id}/resolve`)
      .set(operator)
      .send({ resolution: 'other' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('technical-alert.resolved');
    const [sealed] = await t.db.query(`SELECT note_sealed FROM technical_alert WHERE id = $1`, [
      mine.id,
    ]);
    expect(sealed.note_sealed).not.toContain('rallumé');
  });
});

describe('technical alerts pushed', () => {
  let fcm: FcmServer;
  let t: TestApp;

  beforeAll(async () => {
    fcm = await startFcmServer();
    t = await startTestApp({ env: fcm.env });
  });
  afterAll(async () => {
    await t.close();
    await fcm.stop();
  });

  it('reach the case’s coordinator and the operators on duty, naming no one', async () => {
    const coordinatorToken = `coordinator-phone-${'c'.repeat(24)}`;
    const operatorToken = `operator-phone-${'o'.repeat(24)}`;
    const coordinator = await as(t, 'coordinator');
    const operator = await as(t, 'operator');
    await t.http
      .post('/api/v1/me/push-tokens')
      .set(coordinator)
      .send({ token: coordinatorToken, platform: 'android' });
    await t.http
      .post('/api/v1/me/push-tokens')
      .set(operator)
      .send({ token: operatorToken, platform: 'android' });
    await t.http.put('/api/v1/operators/me/duty').set(operator).send({ onDuty: true });
    const { serial } = await enrolledDevice(t);
    const res = await t.http
      .post('/api/v1/device-events')
      .set(await as(t, 'gateway'))
      .send({
        eventId: randomUUID(),
        device: serial,
        type: 'power_off',
        occurredAt: new Date().toISOString(),
      });
    expect(res.status).toBe(201);
    const technical = async () =>
      (await fcm.messages()).filter((m) => m.data.type === 'technical-alert');
    await eventually(async () =>
      expect((await technical()).map((m) => m.token).sort()).toEqual(
        [coordinatorToken, operatorToken].sort(),
      ),
    );
    const [message] = await technical();
    expect(message.data).toMatchObject({
      kind: 'power_off',
      jurisdiction: 'FR-82',
      escalationLevel: '0',
    });
    expect(JSON.stringify(message.data)).not.toMatch(/Camille|Martin|Lilas|\+336/);
  });

  it('stops the pushes not yet sent once someone takes the alert on', async () => {
    await fcm.mode('unavailable');
    try {
      const { serial, allocationId } = await enrolledDevice(t);
      await t.http
        .post('/api/v1/device-events')
        .set(await as(t, 'gateway'))
        .send({
          eventId: randomUUID(),
          device: serial,
          type: 'low_battery',
          occurredAt: new Date().toISOString(),
        });
      const [alert] = await t.db.query(`SELECT id FROM technical_alert WHERE allocation_id = $1`, [
        allocationId,
      ]);
      const pending = await t.db.query(
        `SELECT id FROM push_delivery WHERE payload->>'alertId' = $1 AND status = 'pending'`,
        [alert.id],
      );
      expect(pending.length).toBeGreaterThan(0);
      expect(
        (await t.http.post(`/api/v1/technical-alerts/${alert.id}/ack`).set(await as(t, 'operator')))
          .status,
      ).toBe(200);
      const after = await t.db.query(`SELECT status FROM push_delivery WHERE id = ANY($1)`, [
        pending.map((row: { id: string }) => row.id),
      ]);
      expect(after.map((row: { status: string }) => row.status)).toEqual(
        pending.map(() => 'cancelled'),
      );
    } finally {
      await fcm.mode('ok');
    }
  });
});
