import { randomUUID } from 'node:crypto';

import { AllocationExpiryScheduler } from '../src/allocations/allocation-expiry.scheduler';
import { ObligationsScheduler } from '../src/obligations/obligations.scheduler';
import { eventually, FcmServer, startFcmServer } from './support/fcm';
import { ManualClock } from './support/manual-clock';
import { startTestApp, TestApp } from './support/test-app';
import { activeAllocation, as, registerDevice } from './support/tgd-journey';

interface Obligation {
  id: string;
  templateId: string;
  sequence: number;
  dueAt: string;
  dueFrom: string;
  state: string;
  status: string;
  closedBy: string | null;
}

const ENV = { OBLIGATIONS_SCAN_SECONDS: '86400' }; // the test runs the jobs itself
const DAY = 24 * 3600 * 1000;

describe('follow-up obligations of a six-month allocation', () => {
  const clock = new ManualClock(new Date('2026-11-24T09:00:00Z'));
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ clock, env: ENV });
  });
  afterAll(() => t.close());

  const scan = () => t.app.get(ObligationsScheduler).runOnce();

  it('creates, completes, flags and ends, in order, with the right deadlines', async () => {
    const coordinator = await as(t, 'coordinator');
    const gateway = { Authorization: `Bearer ${await t.token('gateway', ['*'], 'gw-1')}` };
    const { kase, allocation } = await activeAllocation(t);
    const device = await registerDevice(t);
    await t.http
      .post(`/api/v1/allocations/${allocation.id}/device`)
      .set(coordinator)
      .send({ deviceId: device.id });
    const list = async (): Promise<Obligation[]> =>
      (await t.http.get(`/api/v1/cases/${kase.id}/obligations`).set(coordinator)).body;
    const open = async () => (await list()).filter((o) => o.status === 'open');
    const deviceTest = () =>
      t.http.post('/api/v1/device-events').set(gateway).send({
        eventId: randomUUID(),
        device: device.serialNumber,
        type: 'test',
        occurredAt: clock.now().toISOString(),
      });

    expect((await list()).map((o) => [o.templateId, o.dueAt])).toEqual([
      ['device_handover_test', '2026-11-25T09:00:00.000Z'],
      ['first_contact', '2026-11-26T09:00:00.000Z'],
      ['reassessment_second_level', '2026-12-01T09:00:00.000Z'], // "caractérisé": 7 days
      ['monthly_device_test', '2026-12-24T09:00:00.000Z'],
      ['renewal_review', '2027-05-09T09:00:00.000Z'], // 15 calendar days before the end
    ]);
    expect(allocation.endsAt).toBe('2027-05-24T09:00:00.000Z');

    // The handover test call completes the handover obligation; a note completes the first contact.
    clock.advanceDays(1 / 24);
    expect((await deviceTest()).status).toBe(201);
    const contact = (await list()).find((o) => o.templateId === 'first_contact')!;
    const done = await t.http
      .post(`/api/v1/obligations/${contact.id}/complete`)
      .set(coordinator)
      .send({ note: 'Appel à la victime, point sur le fonctionnement du TGD.' });
    expect(done.body).toMatchObject({ status: 'completed', note: expect.stringContaining('TGD') });
    expect(
      (
        await t.http.post(`/api/v1/obligations/${contact.id}/complete`).set(coordinator).send({
          note: 'again',
        })
      ).status,
    ).toBe(409);

    // Nobody re-assesses within 7 days: flagged overdue, once.
    clock.set(new Date('2026-12-01T10:00:00Z'));
    expect(await scan()).toBeGreaterThan(0);
    expect(await scan()).toBe(0);
    const overdue = (
      await t.http.get('/api/v1/obligations?status=overdue').set(coordinator)
    ).body.items.map((o: Obligation) => o.templateId);
    expect(overdue).toEqual(['reassessment_second_level']);

    // Monthly tests: done in months 1, 2, 4 and 5, missed in month 3.
    for (const month of [1, 2, 3, 4, 5]) {
      const current = (await open()).filter((o) => o.templateId === 'monthly_device_test').pop()!;
      expect(current.sequence).toBe(month - 1);
      clock.set(new Date(new Date(current.dueAt).getTime() - 2 * 86_400_000));
      await scan();
      if (month !== 3) expect((await deviceTest()).status).toBe(201);
      clock.set(new Date(new Date(current.dueAt).getTime() + 60_000));
      await scan();
    }
    const tests = (await list()).filter((o) => o.templateId === 'monthly_device_test');
    expect(tests.map((o) => [o.sequence, o.dueAt.slice(0, 10), o.status, o.state])).toEqual([
      [0, '2026-12-24', 'completed', 'due'],
      [1, '2027-01-24', 'completed', 'due'],
      [2, '2027-02-24', 'completed', 'overdue'], // flagged when missed; the next test closes it late
      [3, '2027-03-24', 'completed', 'due'],
      [4, '2027-04-24', 'completed', 'due'],
      [5, '2027-05-24', 'open', 'upcoming'],
    ]);
    expect(tests[3].closedBy).toBe('system:device.tested');
    const [{ flagged }] = await t.db.query(
      `SELECT count(*)::int AS flagged FROM obligation_notification WHERE obligation_id = $1 AND state = 'overdue'`,
      [tests[2].id],
    );
    expect(flagged).toBe(1);

    // The end date passes without renewal: the allocation ends, the device must come back.
    clock.set(new Date('2027-05-24T09:01:00Z'));
    expect(await t.app.get(AllocationExpiryScheduler).runOnce()).toBe(1);
    const ended = await t.http
      .get(`/api/v1/allocations/${allocation.id}`)
      .set(await as(t, 'prosecutor'));
    expect(ended.body).toMatchObject({ status: 'ended', endReason: 'expired' });
    const after = await list();
    expect(after.filter((o) => o.status === 'open').map((o) => o.templateId)).toEqual([
      'device_return',
    ]);
    expect(after.find((o) => o.templateId === 'renewal_review')!.closedBy).toBe(
      'system:allocation.ended',
    );
    expect(after.find((o) => o.templateId === 'reassessment_second_level')!.status).toBe(
      'cancelled',
    );
    const returned = await t.http
      .post(`/api/v1/allocations/${allocation.id}/device/return`)
      .set(coordinator)
      .send({ condition: 'ok' });
    expect(returned.status).toBe(200);
    expect((await open()).map((o) => o.templateId)).toEqual([]);

    // One notification per obligation and state, whatever the number of scans.
    const [{ repeated }] = await t.db.query(
      `SELECT count(*)::int AS repeated FROM (SELECT obligation_id, state FROM obligation_notification
       GROUP BY 1, 2 HAVING count(*) > 1) x`,
    );
    expect(repeated).toBe(0);
  });

  it('plans the re-assessment again when a professional override raises the level in force', async () => {
    const coordinator = await as(t, 'coordinator');
    const { kase, assessment } = await activeAllocation(t);
    const reassessments = async () =>
      (
        (await t.http.get(`/api/v1/cases/${kase.id}/obligations`).set(coordinator))
          .body as Obligation[]
      )
        .filter((o) => o.templateId.startsWith('reassessment_'))
        .map((o) => [o.templateId, o.status, o.dueAt, o.closedBy]);
    const submittedAt = clock.now().getTime();
    expect(await reassessments()).toEqual([
      ['reassessment_second_level', 'open', new Date(submittedAt + 7 * DAY).toISOString(), null],
    ]);
    clock.advanceDays(2);
    const overridden = await t.http
      .post(`/api/v1/assessments/${assessment.id}/override`)
      .set(coordinator)
      .send({
        level: 'grave',
        justification: 'Auteur sorti de détention hier, menaces de mort renouvelées par message.',
      });
    expect(overridden.status).toBe(200);
    expect(await reassessments()).toEqual([
      // 72 hours from the override, the level's interval.
      [
        'reassessment_highest_level',
        'open',
        new Date(clock.now().getTime() + 3 * DAY).toISOString(),
        null,
      ],
      [
        'reassessment_second_level',
        'cancelled',
        new Date(submittedAt + 7 * DAY).toISOString(),
        'system:assessment.overridden',
      ],
    ]);
  });

  it('lets only the roles of the template waive, with a reason; refuses other jurisdictions', async () => {
    const { kase } = await activeAllocation(t);
    const coordinator = await as(t, 'coordinator');
    const obligations: Obligation[] = (
      await t.http.get(`/api/v1/cases/${kase.id}/obligations`).set(coordinator)
    ).body;
    const review = obligations.find((o) => o.templateId === 'renewal_review')!;
    const refused = await t.http
      .post(`/api/v1/obligations/${review.id}/waive`)
      .set(coordinator)
      .send({ reason: 'Sans objet.' });
    expect(refused.status).toBe(403);
    const contact = obligations.find((o) => o.templateId === 'first_contact')!;
    const missing = await t.http
      .post(`/api/v1/obligations/${contact.id}/waive`)
      .set(coordinator)
      .send({});
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].field).toBe('reason');
    const waived = await t.http
      .post(`/api/v1/obligations/${contact.id}/waive`)
      .set(coordinator)
      .send({ reason: 'Victime suivie par l’association, contact déjà établi.' });
    expect(waived.body.status).toBe('waived');
    const elsewhere = await as(t, 'coordinator', ['FR-71']);
    expect((await t.http.get(`/api/v1/cases/${kase.id}/obligations`).set(elsewhere)).status).toBe(
      404,
    );
    expect(
      (
        await t.http
          .post(`/api/v1/obligations/${review.id}/complete`)
          .set(elsewhere)
          .send({ note: 'x' })
      ).status,
    ).toBe(404);
  });
});

describe('two instances on one database', () => {
  const clock = new ManualClock(new Date('2026-11-24T09:00:00Z'));
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await startTestApp({ clock, env: ENV });
    b = await startTestApp({ clock, env: ENV, database: a.database });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('share the scan and notify once per obligation and state', async () => {
    for (let i = 0; i < 6; i++) await activeAllocation(a);
    const [{ open }] = await a.db.query(
      `SELECT count(*)::int AS open FROM follow_up_obligation WHERE status = 'open'`,
    );
    clock.advanceDays(20);
    const scans = await Promise.all([
      a.app.get(ObligationsScheduler).runOnce(),
      b.app.get(ObligationsScheduler).runOnce(),
      a.app.get(ObligationsScheduler).runOnce(),
      b.app.get(ObligationsScheduler).runOnce(),
    ]);
    const [{ notifications, distinct }] = await a.db.query(
      `SELECT count(*)::int AS notifications, count(DISTINCT (obligation_id, state))::int AS distinct
       FROM obligation_notification`,
    );
    expect(notifications).toBe(distinct);
    expect(scans.reduce((x, y) => x + y, 0)).toBe(notifications);
    expect(notifications).toBeGreaterThanOrEqual(open - 6); // all but the renewal reviews moved
  });
});

describe('obligation notifications pushed to the phones of those who answer for them', () => {
  const clock = new ManualClock(new Date('2026-11-24T09:00:00Z'));
  let fcm: FcmServer;
  let a: TestApp;
  let b: TestApp;
  const phones = {
    coordinator: `coord82-${'d'.repeat(40)}`,
    otherCoordinator: `coord82bis-${'e'.repeat(40)}`,
    prosecutor: `parquet82-${'f'.repeat(40)}`,
    prosecutorElsewhere: `parquet71-${'g'.repeat(40)}`,
  };
  beforeAll(async () => {
    fcm = await startFcmServer();
    const env = { ...ENV, ...fcm.env, PUSH_POLL_MS: '50' };
    a = await startTestApp({ clock, env });
    b = await startTestApp({ clock, env, database: a.database });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
    await fcm.stop();
  });

  it("reach the case's coordinator and the jurisdiction's prosecutors, once each, whatever the instances", async () => {
    const register = async (
      role: 'coordinator' | 'prosecutor',
      jurisdiction: string,
      subject: string,
      token: string,
    ) => {
      const headers = { Authorization: `Bearer ${await a.token(role, [jurisdiction], subject)}` };
      const res = await a.http
        .post('/api/v1/me/push-tokens')
        .set(headers)
        .send({ token, platform: 'android' });
      expect(res.status).toBe(201);
      expect((await a.http.get('/api/v1/me/push-tokens').set(headers)).body).toEqual([
        expect.objectContaining({ id: res.body.id, platform: 'android' }),
      ]);
    };
    // The journey's cases are created by coordinator@FR-82.
    await register('coordinator', 'FR-82', 'coordinator@FR-82', phones.coordinator);
    await register('coordinator', 'FR-82', 'another-coordinator', phones.otherCoordinator);
    await register('prosecutor', 'FR-82', 'parquet-82', phones.prosecutor);
    await register('prosecutor', 'FR-71', 'parquet-71', phones.prosecutorElsewhere);
    const { kase } = await activeAllocation(a);

    // Five months on, everything but the renewal review is overdue and the review is due.
    clock.advanceDays(160);
    await Promise.all([
      a.app.get(ObligationsScheduler).runOnce(),
      b.app.get(ObligationsScheduler).runOnce(),
    ]);
    const notifications: Array<{
      id: string;
      responsible: string;
      state: string;
      template_id: string;
    }> = await a.db.query(
      `SELECT n.id, n.responsible, n.state, o.template_id FROM obligation_notification n
         JOIN follow_up_obligation o ON o.id = n.obligation_id WHERE o.case_id = $1`,
      [kase.id],
    );
    expect(notifications.map((n) => n.responsible).sort()).toContain('prosecutor');
    const expected = notifications.map((n) => [
      n.id,
      n.responsible === 'prosecutor' ? phones.prosecutor : phones.coordinator,
    ]);
    const pushed = await eventually(async () => {
      const messages = (await fcm.messages()).filter((m) => m.data?.type === 'obligation');
      expect(messages.length).toBeGreaterThanOrEqual(expected.length);
      return messages;
    });
    expect(pushed.map((m) => [m.data.notificationId, m.token]).sort()).toEqual(expected.sort());
    for (const m of pushed) {
      expect(m.data).toEqual({
        type: 'obligation',
        notificationId: expect.any(String),
        obligationId: expect.any(String),
        templateId: expect.any(String),
        state: expect.stringMatching(/^(due|overdue)$/),
        dueAt: expect.any(String),
        caseReference: kase.reference,
        jurisdiction: 'FR-82',
        deliveryId: expect.any(String),
      });
    }
    // FCM's answers are recorded right after they come back.
    await eventually(async () => {
      // The obligations' own deliveries (the TGD request of the case was pushed too).
      const [{ sent }] = await a.db.query(
        `SELECT count(*)::int AS sent FROM push_delivery
         WHERE notification_id = ANY($1) AND status = 'sent'`,
        [notifications.map((n) => n.id)],
      );
      expect(sent).toBe(expected.length);
    });
  });
});
