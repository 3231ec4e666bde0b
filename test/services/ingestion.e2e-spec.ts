import { randomUUID } from 'node:crypto';

import { IngestionService } from '../../src/alarms/ingestion.service';
import { Actor } from '../../src/auth/actor';
import { DomainEventPublisher } from '../../src/common/domain-event-publisher';
import { DomainEvent } from '../../src/common/domain-events';
import { startTestApp, TestApp } from '../support/test-app';
import { enrolledDevice } from '../support/tgd-journey';

/**
 * Ingestion at service level, against the real database: what a gateway's event stores, answers and
 * announces, called on the service itself (no HTTP, no push).
 */
describe('ingestion (service level)', () => {
  let t: TestApp;
  let ingestion: IngestionService;
  const heard: DomainEvent[] = [];
  const gateway = new Actor('gw-service', ['gateway'], ['FR-82']);
  let serial: string;
  let allocationId: string;

  beforeAll(async () => {
    t = await startTestApp();
    ingestion = t.app.get(IngestionService);
    t.app.get(DomainEventPublisher).subscribe(async (_, event) => void heard.push(event));
    ({ serial, allocationId } = await enrolledDevice(t));
  });
  afterAll(() => t.close());

  const event = (type: string, extra: Record<string, unknown> = {}) => ({
    eventId: randomUUID(),
    device: serial,
    type,
    occurredAt: new Date().toISOString(),
    ...extra,
  });
  const stored = (eventId: string) =>
    t.db.query(
      `SELECT outcome, rejection, alarm_id, response_status FROM device_event
       WHERE gateway_id = $1 AND event_id = $2`,
      [gateway.subject, eventId],
    );

  it('stores a distress on a new alarm before answering, and answers a repeat as the first time', async () => {
    const distress = event('distress', { location: { lat: 44.0176, lon: 1.355 } });
    const first = await ingestion.ingest(gateway, distress);
    expect(first.status).toBe(201);
    expect(first.body.alarmId).toEqual(expect.any(String));
    const again = await ingestion.ingest(gateway, distress);
    expect(again).toEqual(first);
    const rows = await stored(distress.eventId);
    expect(rows).toEqual([
      { outcome: 'accepted', rejection: null, alarm_id: first.body.alarmId, response_status: 201 },
    ]);
    const [alarm] = await t.db.query(
      `SELECT status, allocation_id, (SELECT count(*)::int FROM alarm_track_point p WHERE p.alarm_id = a.id) AS points
       FROM alarm a WHERE id = $1`,
      [first.body.alarmId],
    );
    expect(alarm).toEqual({ status: 'open', allocation_id: allocationId, points: 1 });
  });

  it('announces a periodic test in its transaction (device.tested), naming the stored event', async () => {
    const test = event('test');
    const answer = await ingestion.ingest(gateway, test);
    expect(answer.status).toBe(201);
    const announced = heard.find(
      (e) => e.type === 'device.tested' && e.allocationId === allocationId,
    );
    expect(announced).toBeDefined();
    const [row] = await t.db.query(`SELECT event_id FROM device_event WHERE id = $1`, [
      (announced as { eventId: string }).eventId,
    ]);
    expect(row.event_id).toBe(test.eventId);
  });

  it('keeps an event it cannot place, answering 422 with its code and recording it', async () => {
    const unknown = { ...event('distress'), device: 'NO-SUCH-DEVICE' };
    const answer = await ingestion.ingest(gateway, unknown);
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ code: 'unknown-device', recorded: true });
    expect(await stored(unknown.eventId)).toEqual([
      { outcome: 'rejected', rejection: 'unknown-device', alarm_id: null, response_status: 422 },
    ]);
  });

  it('keeps a malformed distress, under its content hash when it has no usable id', async () => {
    const answer = await ingestion.ingest(gateway, {
      type: 'distress',
      device: serial,
      eventId: 7,
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'validation-error', recorded: true });
    const [row] = await t.db.query(
      `SELECT event_id, outcome FROM device_event WHERE gateway_id = $1 AND event_id LIKE 'sha256:%'`,
      [gateway.subject],
    );
    expect(row.outcome).toBe('rejected');
  });
});
