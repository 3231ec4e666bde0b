import { ManualClock } from './support/manual-clock';
import { startTestApp, TestApp } from './support/test-app';
import { activeAllocation, as, assessedCase, imei, registerDevice } from './support/tgd-journey';

describe('TGD requests, decisions, allocations and devices', () => {
  let t: TestApp;
  const clock = new ManualClock(new Date('2026-11-24T09:00:00Z'));

  beforeAll(async () => {
    t = await startTestApp({ clock });
  });
  afterAll(() => t.close());

  it('runs the journey from request to decision, device, renewal, end and return', async () => {
    const coordinator = await as(t, 'coordinator');
    const prosecutor = await as(t, 'prosecutor');
    const { kase, assessment } = await assessedCase(t);

    const filed = await t.http
      .post(`/api/v1/cases/${kase.id}/tgd-requests`)
      .set(coordinator)
      .send({ assessmentId: assessment.id, note: 'Auteur non interpellé, menaces réitérées.' });
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({
      status: 'pending',
      caseId: kase.id,
      assessmentId: assessment.id,
    });
    expect(filed.body.consentRecordedAt).toBe('2026-11-20T09:00:00.000Z');

    const worklist = await t.http.get('/api/v1/tgd-requests?status=pending').set(prosecutor);
    expect(worklist.body.items.map((r: { id: string }) => r.id)).toContain(filed.body.id);

    const decided = await t.http
      .post(`/api/v1/tgd-requests/${filed.body.id}/decision`)
      .set(prosecutor)
      .send({ decision: 'approve', reasons: 'Danger grave, interdiction de contact en vigueur.' });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: 'approved', decidedBy: 'prosecutor@FR-82' });
    const allocationId = decided.body.allocationId;

    let allocation = (await t.http.get(`/api/v1/allocations/${allocationId}`).set(coordinator))
      .body;
    expect(allocation).toMatchObject({ status: 'active', renewals: 0, device: null });
    expect(allocation.startsAt).toBe('2026-11-24T09:00:00.000Z');
    expect(allocation.endsAt).toBe('2027-05-24T09:00:00.000Z');
    expect((await t.http.get(`/api/v1/cases/${kase.id}`).set(coordinator)).body.status).toBe(
      'enrolled',
    );

    const first = await registerDevice(t);
    const second = await registerDevice(t);
    const assigned = await t.http
      .post(`/api/v1/allocations/${allocationId}/device`)
      .set(coordinator)
      .send({ deviceId: first.id });
    expect(assigned.status).toBe(200);
    expect(assigned.body.device).toMatchObject({ deviceId: first.id, returnedAt: null });

    clock.advanceDays(150);
    const renewed = await t.http
      .post(`/api/v1/allocations/${allocationId}/renewal`)
      .set(prosecutor)
      .send({ reasons: 'Auteur toujours en liberté, danger persistant.' });
    expect(renewed.status).toBe(200);
    expect(renewed.body).toMatchObject({ renewals: 1, endsAt: '2027-11-24T09:00:00.000Z' });

    const swapped = await t.http
      .post(`/api/v1/allocations/${allocationId}/device/swap`)
      .set(coordinator)
      .send({ deviceId: second.id, condition: 'faulty' });
    expect(swapped.status).toBe(200);
    expect(swapped.body.device.deviceId).toBe(second.id);
    const admin = await as(t, 'admin');
    expect((await t.http.get(`/api/v1/devices/${first.id}`).set(admin)).body).toMatchObject({
      status: 'maintenance',
      assignments: [{ allocationId, returnReason: 'swapped', returnCondition: 'faulty' }],
    });

    const ended = await t.http
      .post(`/api/v1/allocations/${allocationId}/end`)
      .set(prosecutor)
      .send({ reason: 'author_imprisoned', note: 'Incarcéré le 20 avril.' });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ status: 'ended', endReason: 'author_imprisoned' });
    expect(ended.body.device.deviceId).toBe(second.id);
    expect((await t.http.get(`/api/v1/cases/${kase.id}`).set(coordinator)).body.status).toBe(
      'open',
    );

    const returned = await t.http
      .post(`/api/v1/allocations/${allocationId}/device/return`)
      .set(coordinator)
      .send({ condition: 'ok' });
    expect(returned.status).toBe(200);
    expect(returned.body.device).toBeNull();
    expect((await t.http.get(`/api/v1/devices/${second.id}`).set(admin)).body.status).toBe(
      'available',
    );

    allocation = (await t.http.get(`/api/v1/allocations/${allocationId}`).set(prosecutor)).body;
    expect(allocation.history.map((e: { type: string }) => e.type)).toEqual([
      'approved',
      'device_assigned',
      'renewed',
      'device_swapped',
      'ended',
      'device_returned',
    ]);
    expect(allocation.devices).toHaveLength(2);
    const stock = (await t.http.get('/api/v1/devices/stock').set(admin)).body;
    expect(
      stock.find((s: { jurisdiction: string }) => s.jurisdiction === 'FR-82').counts,
    ).toMatchObject({
      maintenance: expect.any(Number),
      available: expect.any(Number),
    });
  });

  it('orders the prosecutor’s queue by danger then age, each request with its level, red flags and TGD conditions', async () => {
    const coordinator = await as(t, 'coordinator');
    const prosecutor = await as(t, 'prosecutor');
    const file = async (yes: string[]) => {
      const { kase, assessment } = await assessedCase(t, yes);
      const res = await t.http
        .post(`/api/v1/cases/${kase.id}/tgd-requests`)
        .set(coordinator)
        .send({ assessmentId: assessment.id });
      expect(res.status).toBe(201);
      clock.advanceDays(1);
      return res.body as { id: string; caseReference: string };
    };
    const low = await file([]);
    const olderGrave = await file(['strangulation', 'menaces_de_mort', 'armes_a_feu']);
    const middle = await file(['strangulation', 'menaces_de_mort']);
    const newerGrave = await file(['strangulation', 'menaces_de_mort', 'armes_a_feu']);

    const queue = await t.http
      .get('/api/v1/tgd-requests')
      .query({ status: 'pending', pageSize: 100 })
      .set(prosecutor);
    expect(queue.status).toBe(200);
    const mine = [low, olderGrave, middle, newerGrave].map((r) => r.id);
    const order = queue.body.items
      .map((r: { id: string }) => r.id)
      .filter((id: string) => mine.includes(id));
    expect(order).toEqual([olderGrave.id, newerGrave.id, middle.id, low.id]);
    const grave = queue.body.items.find((r: { id: string }) => r.id === olderGrave.id);
    expect(grave).toMatchObject({
      caseReference: expect.any(String),
      level: 'grave',
      levelLabel: 'Danger grave et imminent',
      levelFromTop: 0,
      levelRank: 3,
      levelCount: 4,
      contactBansInForce: ['contact_ban'],
    });
    expect(grave.redFlags.map((f: { flag: string }) => f.flag)).toEqual(
      expect.arrayContaining(['strangulation', 'threat_to_kill', 'firearm']),
    );
    expect(grave.redFlags[0].label).toEqual(expect.any(String));
    expect(
      grave.tgdConditions.map((c: { id: string; status: string }) => [c.id, c.status]),
    ).toEqual([
      ['grave_danger', 'met'],
      ['consent', 'met'],
      ['no_cohabitation', 'met'],
      ['contact_ban_or_imminent_danger', 'met'],
    ]);
    const lowRow = queue.body.items.find((r: { id: string }) => r.id === low.id);
    expect(lowRow.tgdConditions[0]).toMatchObject({ id: 'grave_danger', status: 'not_met' });

    // The count the console's badge shows: one row read, the total of what awaits.
    const count = await t.http
      .get('/api/v1/tgd-requests')
      .query({ status: 'pending', pageSize: 1 })
      .set(prosecutor);
    expect(count.body.items).toHaveLength(1);
    expect(count.body.total).toBe(queue.body.total);
    expect(count.body.items[0].levelFromTop).toBe(0);

    // Decided requests come after every pending one.
    await t.http
      .post(`/api/v1/tgd-requests/${newerGrave.id}/decision`)
      .set(prosecutor)
      .send({ decision: 'reject', reasons: 'Conditions réunies mais victime injoignable.' });
    const all = (await t.http.get('/api/v1/tgd-requests').query({ pageSize: 100 }).set(prosecutor))
      .body.items as Array<{ id: string; status: string }>;
    const firstDecided = all.findIndex((r) => r.status !== 'pending');
    expect(all.slice(firstDecided).every((r) => r.status !== 'pending')).toBe(true);
    expect(all.findIndex((r) => r.id === newerGrave.id)).toBeGreaterThanOrEqual(firstDecided);

    // The request read alone carries the same facts.
    const one = await t.http.get(`/api/v1/tgd-requests/${middle.id}`).set(coordinator);
    expect(one.body).toMatchObject({ level: 'caracterise', levelFromTop: 1 });
    expect(
      (
        await t.http
          .get('/api/v1/tgd-requests')
          .query({ pageSize: 1 })
          .set(await as(t, 'prosecutor', ['FR-71']))
      ).body.total,
    ).toBe(0);
  });

  it('lists the renewals coming due: active allocations ending within the days asked, soonest first', async () => {
    const prosecutor = await as(t, 'prosecutor');
    const { allocation: first } = await activeAllocation(t);
    clock.advanceDays(10);
    const { allocation: second } = await activeAllocation(t);
    const inDays = (days: number) =>
      new Date(clock.now().getTime() + days * 86_400_000).toISOString();
    const due = async (days: number) =>
      (
        await t.http
          .get('/api/v1/allocations')
          .query({ status: 'active', endingBefore: inDays(days), pageSize: 100 })
          .set(prosecutor)
      ).body as { items: Array<{ id: string; endsAt: string }> };
    const soon = (await due(30)).items.map((a) => a.id);
    expect(soon).not.toContain(first.id);
    expect(soon).not.toContain(second.id);
    clock.advanceDays(165);
    const later = await due(30);
    const ids = later.items.map((a) => a.id);
    expect(ids.indexOf(first.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(second.id)).toBeGreaterThan(ids.indexOf(first.id));
    const ends = later.items.map((a) => a.endsAt);
    expect([...ends].sort()).toEqual(ends);
    expect(
      (await t.http.get('/api/v1/allocations').query({ endingBefore: 'next week' }).set(prosecutor))
        .status,
    ).toBe(400);
  });

  describe('guards', () => {
    it('refuses a request without the victim’s recorded consent (CPP art. 41-3-1)', async () => {
      const { kase, assessment } = await assessedCase(t, ['strangulation'], {
        victim: {
          lastName: 'Durand',
          consents: [
            { purpose: 'tgd_allocation', given: false, recordedAt: '2026-11-21T10:00:00Z' },
          ],
        },
      });
      const res = await t.http
        .post(`/api/v1/cases/${kase.id}/tgd-requests`)
        .set(await as(t, 'coordinator'))
        .send({ assessmentId: assessment.id });
      expect(res.status).toBe(409);
      expect(res.body.detail).toMatch(/consent/);
    });

    it('refuses a request on a draft, on another case’s assessment, and a second pending one', async () => {
      const coordinator = await as(t, 'coordinator');
      const { kase, assessment } = await assessedCase(t);
      const other = await assessedCase(t);
      const draft = (
        await t.http
          .post(`/api/v1/cases/${kase.id}/assessments`)
          .set(coordinator)
          .send({ questionnaireId: 'evivico-style' })
      ).body;
      const file = (assessmentId: string) =>
        t.http
          .post(`/api/v1/cases/${kase.id}/tgd-requests`)
          .set(coordinator)
          .send({ assessmentId });
      expect((await file(draft.id)).status).toBe(409);
      const foreign = await file(other.assessment.id);
      expect(foreign.status).toBe(400);
      expect(foreign.body.errors[0].field).toBe('assessmentId');
      expect((await file(assessment.id)).status).toBe(201);
      expect((await file(assessment.id)).status).toBe(409);
    });

    it('lets only the prosecutor of the jurisdiction decide, once', async () => {
      const { kase, assessment } = await assessedCase(t);
      const request = (
        await t.http
          .post(`/api/v1/cases/${kase.id}/tgd-requests`)
          .set(await as(t, 'coordinator'))
          .send({ assessmentId: assessment.id })
      ).body;
      const decide = async (headers: Record<string, string>, decision: string) =>
        t.http
          .post(`/api/v1/tgd-requests/${request.id}/decision`)
          .set(headers)
          .send({ decision, reasons: 'Motifs de la décision du parquet.' });
      expect((await decide(await as(t, 'coordinator'), 'approve')).status).toBe(403);
      expect((await decide(await as(t, 'prosecutor', ['FR-71']), 'approve')).status).toBe(404);
      const rejected = await decide(await as(t, 'prosecutor'), 'reject');
      expect(rejected.body).toMatchObject({ status: 'rejected', allocationId: null });
      const again = await decide(await as(t, 'prosecutor'), 'approve');
      expect(again.status).toBe(409);
      expect(again.body.detail).toMatch(/already rejected/);
    });

    it('refuses renewing or ending an ended allocation, and assigning it a device', async () => {
      const prosecutor = await as(t, 'prosecutor');
      const { allocation } = await activeAllocation(t);
      const end = () =>
        t.http
          .post(`/api/v1/allocations/${allocation.id}/end`)
          .set(prosecutor)
          .send({ reason: 'victim_request' });
      expect((await end()).status).toBe(200);
      expect((await end()).status).toBe(409);
      const renewal = await t.http
        .post(`/api/v1/allocations/${allocation.id}/renewal`)
        .set(prosecutor)
        .send({ reasons: 'Renouvellement demandé.' });
      expect(renewal.status).toBe(409);
      expect(renewal.body.detail).toMatch(/ended/);
      const device = await registerDevice(t);
      const assign = await t.http
        .post(`/api/v1/allocations/${allocation.id}/device`)
        .set(await as(t, 'coordinator'))
        .send({ deviceId: device.id });
      expect(assign.status).toBe(409);
      expect(
        (
          await t.http
            .post(`/api/v1/allocations/${allocation.id}/device/return`)
            .set(await as(t, 'coordinator'))
            .send({ condition: 'ok' })
        ).status,
      ).toBe(409);
    });

    it('refuses a renewal once the period is over', async () => {
      const { allocation } = await activeAllocation(t);
      clock.advanceDays(200);
      const res = await t.http
        .post(`/api/v1/allocations/${allocation.id}/renewal`)
        .set(await as(t, 'prosecutor'))
        .send({ reasons: 'Renouvellement tardif.' });
      expect(res.status).toBe(409);
      expect(res.body.detail).toMatch(/period is over/);
    });

    it('refuses a coordinator renewing or ending', async () => {
      const { allocation } = await activeAllocation(t);
      const coordinator = await as(t, 'coordinator');
      expect(
        (
          await t.http
            .post(`/api/v1/allocations/${allocation.id}/renewal`)
            .set(coordinator)
            .send({ reasons: 'Pas mon rôle.' })
        ).status,
      ).toBe(403);
      expect(
        (
          await t.http
            .post(`/api/v1/allocations/${allocation.id}/end`)
            .set(coordinator)
            .send({ reason: 'other' })
        ).status,
      ).toBe(403);
    });

    it('assigns only an available device of the same court, one per allocation', async () => {
      const coordinator = await as(t, 'coordinator', ['FR-82', 'FR-71']);
      const { allocation } = await activeAllocation(t);
      const assign = (deviceId: string) =>
        t.http
          .post(`/api/v1/allocations/${allocation.id}/device`)
          .set(coordinator)
          .send({ deviceId });
      const elsewhere = await registerDevice(t, 'FR-71');
      expect((await assign(elsewhere.id)).body.detail).toMatch(/stock of FR-71/);
      const inRepair = await registerDevice(t);
      await t.http
        .post(`/api/v1/devices/${inRepair.id}/status`)
        .set(await as(t, 'admin'))
        .send({ status: 'maintenance' });
      const repair = await assign(inRepair.id);
      expect(repair.status).toBe(409);
      expect(repair.body.detail).toMatch(/maintenance/);
      expect((await assign('00000000-0000-4000-8000-000000000000')).body.errors[0].field).toBe(
        'deviceId',
      );
      const a = await registerDevice(t);
      const b = await registerDevice(t);
      expect((await assign(a.id)).status).toBe(200);
      expect((await assign(b.id)).status).toBe(409);
      const manual = await t.http
        .post(`/api/v1/devices/${a.id}/status`)
        .set(await as(t, 'admin'))
        .send({ status: 'available' });
      expect(manual.status).toBe(409);
    });

    it('refuses a wrong IMEI and a duplicate serial number', async () => {
      const admin = await as(t, 'admin');
      const body = {
        serialNumber: 'TGD-DUP-1',
        imei: imei(123456),
        phoneNumber: '+33600000001',
        model: 'X',
        jurisdiction: 'FR-82',
      };
      expect((await t.http.post('/api/v1/devices').set(admin).send(body)).status).toBe(201);
      const duplicate = await t.http
        .post('/api/v1/devices')
        .set(admin)
        .send({ ...body, imei: imei(654321) });
      expect(duplicate.status).toBe(409);
      const badImei = await t.http
        .post('/api/v1/devices')
        .set(admin)
        .send({ ...body, serialNumber: 'TGD-DUP-2', imei: '490154203237519' });
      expect(badImei.status).toBe(400);
      expect(badImei.body.errors[0].field).toBe('imei');
      expect(
        (
          await t.http
            .post('/api/v1/devices')
            .set(await as(t, 'admin', ['FR-71']))
            .send({ ...body, serialNumber: 'X-3' })
        ).status,
      ).toBe(403);
    });

    it('keeps allocations and requests within the jurisdiction', async () => {
      const { allocation, request } = await activeAllocation(t);
      const outsider = await as(t, 'prosecutor', ['FR-71']);
      expect((await t.http.get(`/api/v1/allocations/${allocation.id}`).set(outsider)).status).toBe(
        404,
      );
      expect((await t.http.get(`/api/v1/tgd-requests/${request.id}`).set(outsider)).status).toBe(
        404,
      );
      const list = await t.http.get('/api/v1/allocations').set(outsider);
      expect(list.body.items).toEqual([]);
    });
  });

  it('never lets two concurrent assignments of one device both succeed (100 rounds)', async () => {
    const coordinator = await as(t, 'coordinator');
    const a = (await activeAllocation(t)).allocation;
    const b = (await activeAllocation(t)).allocation;
    for (let round = 0; round < 100; round++) {
      const device = await registerDevice(t);
      const results = await Promise.all(
        [a, b].map((allocation) =>
          t.http
            .post(`/api/v1/allocations/${allocation.id}/device`)
            .set(coordinator)
            .send({ deviceId: device.id }),
        ),
      );
      const statuses = results.map((r) => r.status).sort();
      expect({ round, statuses }).toEqual({ round, statuses: [200, 409] });
      const winner = results.find((r) => r.status === 200)!.body.id;
      await t.http
        .post(`/api/v1/allocations/${winner}/device/return`)
        .set(coordinator)
        .send({ condition: 'ok' });
    }
    // Every device marked assigned holds exactly one open assignment, and no other does.
    const [{ assigned, open }] = await t.db.query(
      `SELECT (SELECT count(*)::int FROM device WHERE status = 'assigned') AS assigned,
              (SELECT count(*)::int FROM device_assignment WHERE returned_at IS NULL) AS open`,
    );
    expect(assigned).toBe(open);
  });

  it('never lets one allocation hold two devices, even without the service (database constraint)', async () => {
    const { allocation } = await activeAllocation(t);
    const [one, two] = [await registerDevice(t), await registerDevice(t)];
    const insert = (deviceId: string) =>
      t.db.query(
        `INSERT INTO device_assignment (id, device_id, allocation_id, assigned_at, assigned_by) VALUES (gen_random_uuid(), $1, $2, now(), 'sql')`,
        [deviceId, allocation.id],
      );
    await insert(one.id);
    await expect(insert(two.id)).rejects.toThrow(/device_assignment_allocation_active_key/);
    const other = (await activeAllocation(t)).allocation;
    await expect(
      t.db.query(
        `INSERT INTO device_assignment (id, device_id, allocation_id, assigned_at, assigned_by) VALUES (gen_random_uuid(), $1, $2, now(), 'sql')`,
        [one.id, other.id],
      ),
    ).rejects.toThrow(/device_assignment_device_active_key/);
  });
});
