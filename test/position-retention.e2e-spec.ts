import { randomUUID } from 'node:crypto';

import { PositionRetentionJob } from '../src/alarms/position-retention.job';
import { FieldCipher } from '../src/common/field-cipher';
import { ManualClock } from './support/manual-clock';
import { startTestApp, TestApp } from './support/test-app';
import { as, enrolledDevice, postDeviceEvent } from './support/tgd-journey';

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * Positions erased on time (arrêté of 22 April 2015 on the TGD, art. 5), on an injected clock:
 * three days from recording, eight on the prosecutor's order, three days after the device's return
 * at the latest; nothing erased a minute early, nothing kept a minute late; each purge audited.
 */
describe('retention of positions', () => {
  const T0 = new Date('2026-11-02T08:00:00Z');
  const clock = new ManualClock(T0);
  let t: TestApp;
  let purge: () => Promise<number>;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    const job = t.app.get(PositionRetentionJob);
    purge = () => job.runOnce();
  });
  afterAll(() => t.close());

  const at = (ms: number) => clock.set(new Date(T0.getTime() + ms));

  async function press(serial: string, type = 'distress') {
    const location = { lat: 44.0176, lon: 1.355, accuracy: 20 };
    const res = await postDeviceEvent(t, serial, type, { location }, clock.now());
    expect(res.status).toBe(201);
    return res.body.alarmId as string;
  }

  const trackOf = async (alarmId: string) =>
    (
      await t.db.query(`SELECT count(*)::int AS n FROM alarm_track_point WHERE alarm_id = $1`, [
        alarmId,
      ])
    )[0].n as number;

  /** How many of the allocation's stored gateway bodies still carry a position. */
  async function bodiesWithPosition(allocationId: string): Promise<number> {
    const cipher = t.app.get(FieldCipher);
    const rows: { id: string; raw_sealed: string }[] = await t.db.query(
      `SELECT id, raw_sealed FROM device_event WHERE allocation_id = $1`,
      [allocationId],
    );
    return rows.filter((row) =>
      JSON.stringify(cipher.open(row.raw_sealed, `${row.id}:raw`)).includes('1.355'),
    ).length;
  }

  it('keeps a position three days from its recording, not a minute less nor more', async () => {
    at(0);
    const { serial, allocationId } = await enrolledDevice(t);
    const alarmId = await press(serial);
    at(60 * MINUTE);
    await press(serial, 'location');
    expect(await trackOf(alarmId)).toBe(2);

    at(3 * DAY - MINUTE);
    await purge();
    expect(await trackOf(alarmId)).toBe(2);
    expect(await bodiesWithPosition(allocationId)).toBe(2);

    at(3 * DAY + MINUTE);
    await purge();
    expect(await trackOf(alarmId)).toBe(1);
    expect(await bodiesWithPosition(allocationId)).toBe(1);

    at(3 * DAY + 61 * MINUTE);
    await purge();
    expect(await trackOf(alarmId)).toBe(0);
    expect(await bodiesWithPosition(allocationId)).toBe(0);

    // The purge is audited by counts, never by content.
    const records = await t.db.query(
      `SELECT detail FROM audit_record WHERE action = 'retention.purge' ORDER BY occurred_at`,
    );
    expect(records.length).toBeGreaterThan(0);
    expect(JSON.stringify(records)).not.toContain('1.355');
    expect(records.at(-1).detail).toMatchObject({ trackPoints: 1, eventBodies: 1 });
  });

  it('keeps it eight days on the prosecutor’s order, and ends it three days after the return', async () => {
    at(10 * DAY);
    const kept = await enrolledDevice(t);
    const keptAlarm = await press(kept.serial);
    const returned = await enrolledDevice(t);
    const returnedAlarm = await press(returned.serial);
    for (const alarmId of [keptAlarm, returnedAlarm]) {
      expect(
        (await t.http.post(`/api/v1/alarms/${alarmId}/keep-track`).set(await as(t, 'operator')))
          .status,
      ).toBe(403);
      const order = await t.http
        .post(`/api/v1/alarms/${alarmId}/keep-track`)
        .set(await as(t, 'prosecutor'));
      expect(order.status).toBe(200);
      expect(order.body.trackKeptBy).toBe('prosecutor@FR-82');
    }
    expect(
      (
        await t.http
          .post(`/api/v1/alarms/${keptAlarm}/keep-track`)
          .set(await as(t, 'prosecutor', ['FR-71']))
      ).status,
    ).toBe(404);

    // The second victim hands her device back a day later: her track goes 3 days after that.
    at(11 * DAY);
    const operator = await as(t, 'operator');
    await t.http
      .post(`/api/v1/alarms/${returnedAlarm}/resolve`)
      .set(operator)
      .send({ outcome: 'intervention' });
    const back = await t.http
      .post(`/api/v1/allocations/${returned.allocationId}/device/return`)
      .set(await as(t, 'coordinator'))
      .send({ condition: 'ok' });
    expect(back.status).toBe(200);

    at(13 * DAY + MINUTE);
    await purge();
    expect(await trackOf(keptAlarm)).toBe(1);
    expect(await trackOf(returnedAlarm)).toBe(1);

    at(14 * DAY + MINUTE);
    await purge();
    expect(await trackOf(keptAlarm)).toBe(1);
    expect(await trackOf(returnedAlarm)).toBe(0);
    expect(await bodiesWithPosition(returned.allocationId)).toBe(0);

    at(18 * DAY - MINUTE);
    await purge();
    expect(await trackOf(keptAlarm)).toBe(1);
    at(18 * DAY + MINUTE);
    await purge();
    expect(await trackOf(keptAlarm)).toBe(0);
    expect(await bodiesWithPosition(kept.allocationId)).toBe(0);
  });

  it('counts from receipt, not from a device clock years behind; malformed and refused bodies go too', async () => {
    at(30 * DAY);
    const { serial, allocationId } = await enrolledDevice(t);
    const res = await t.http
      .post('/api/v1/device-events')
      .set(await as(t, 'gateway'))
      .send({
        eventId: randomUUID(),
        device: serial,
        type: 'distress',
        occurredAt: '2000-01-01T00:00:00Z',
        location: { lat: 44.0176, lon: 1.355 },
      });
    const alarmId = res.body.alarmId as string;
    // A malformed distress and an event of an unknown device, both with a position.
    const gateway = await as(t, 'gateway');
    await t.http
      .post('/api/v1/device-events')
      .set(gateway)
      .send({
        eventId: randomUUID(),
        device: serial,
        type: 'distress',
        occurredAt: 'not a date',
        location: { lat: 44.0176, lon: 1.355 },
      });
    await t.http
      .post('/api/v1/device-events')
      .set(gateway)
      .send({
        eventId: randomUUID(),
        device: 'TGD-NOWHERE-1',
        type: 'location',
        occurredAt: clock.now().toISOString(),
        location: { lat: 44.0176, lon: 1.355 },
      });
    const cipher = t.app.get(FieldCipher);
    const stillPositioned = async () =>
      (
        (await t.db.query(`SELECT id, raw_sealed FROM device_event WHERE received_at >= $1`, [
          new Date(T0.getTime() + 30 * DAY),
        ])) as { id: string; raw_sealed: string }[]
      ).filter((row) =>
        JSON.stringify(cipher.open(row.raw_sealed, `${row.id}:raw`)).includes('1.355'),
      ).length;

    at(30 * DAY + 60 * MINUTE);
    await purge();
    expect(await trackOf(alarmId)).toBe(1);
    expect(await stillPositioned()).toBe(3);

    at(33 * DAY + MINUTE);
    await purge();
    expect(await trackOf(alarmId)).toBe(0);
    expect(await stillPositioned()).toBe(0);
    expect(await bodiesWithPosition(allocationId)).toBe(0);
  });
});
