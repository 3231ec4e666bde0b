import { startTestApp, TestApp } from './support/test-app';
import { as, assessedCase, enrolledDevice, postDeviceEvent } from './support/tgd-journey';

/**
 * A coordinator's own lists (their worklist): the TGD requests and the device faults of the cases
 * they coordinate, filtered by the service — so that a colleague's requests are neither sent nor
 * recorded in the audit trail as read by them.
 */
describe("a coordinator's own requests and device faults (coordinatorId)", () => {
  let t: TestApp;
  const me = 'coordinator@FR-82';

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const file = async (kase: { id: string }, assessment: { id: string }) =>
    (
      await t.http
        .post(`/api/v1/cases/${kase.id}/tgd-requests`)
        .set(await as(t, 'coordinator'))
        .send({ assessmentId: assessment.id })
    ).body.id as string;

  it('lists the requests on my cases alone, and audits only those as read', async () => {
    const mine = await assessedCase(t, ['strangulation']);
    const colleagues = await assessedCase(t, ['strangulation'], {
      coordinatorId: 'coordinator-2@FR-82',
    });
    expect(mine.kase.coordinatorId).toBe(me);
    const myRequest = await file(mine.kase, mine.assessment);
    const theirRequest = await file(colleagues.kase, colleagues.assessment);

    const listed = await t.http
      .get('/api/v1/tgd-requests')
      .query({ status: 'pending', coordinatorId: me, pageSize: 100 })
      .set(await as(t, 'coordinator'));
    expect(listed.status).toBe(200);
    const ids = listed.body.items.map((r: { id: string }) => r.id);
    expect(ids).toContain(myRequest);
    expect(ids).not.toContain(theirRequest);
    expect(listed.body.total).toBe(ids.length);
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM audit_record WHERE entity_id = $1 AND action = 'tgd_request.read'`,
      [theirRequest],
    );
    expect(n).toBe(0);

    // Another jurisdiction's coordinator of the same name sees none of them.
    const elsewhere = await t.http
      .get('/api/v1/tgd-requests')
      .query({ coordinatorId: me })
      .set(await as(t, 'coordinator', ['FR-71']));
    expect(elsewhere.body).toMatchObject({ items: [], total: 0 });
  });

  it('counts what awaits a decision without reading a request', async () => {
    const count = async (query: Record<string, string>, role: 'prosecutor' | 'coordinator') =>
      t.http
        .get('/api/v1/tgd-requests/count')
        .query(query)
        .set(await as(t, role));
    const audited = async () =>
      (
        await t.db.query(
          `SELECT count(*)::int AS n FROM audit_record WHERE action = 'tgd_request.read'`,
        )
      )[0].n as number;
    const before = (await count({ status: 'pending' }, 'prosecutor')).body.total as number;
    const theirs = await assessedCase(t, ['strangulation'], {
      coordinatorId: 'coordinator-3@FR-82',
    });
    await file(theirs.kase, theirs.assessment);
    const readsBefore = await audited();

    const pending = await count({ status: 'pending' }, 'prosecutor');
    expect(pending.status).toBe(200);
    expect(pending.body).toEqual({ total: before + 1 });
    const queue = await t.http
      .get('/api/v1/tgd-requests')
      .query({ status: 'pending', pageSize: 100 })
      .set(await as(t, 'prosecutor'));
    expect(queue.body.total).toBe(before + 1);
    const colleague = await count(
      { status: 'pending', coordinatorId: 'coordinator-3@FR-82' },
      'coordinator',
    );
    expect(colleague.body).toEqual({ total: 1 });
    expect((await count({ status: 'approved' }, 'prosecutor')).body).toEqual({ total: 0 });
    expect(
      (await t.http.get('/api/v1/tgd-requests/count').set(await as(t, 'prosecutor', ['FR-71'])))
        .body,
    ).toEqual({ total: 0 });
    // Only the queue's page above read requests.
    expect((await audited()) - readsBefore).toBe(before + 1);

    const bad = await count({ status: 'lost' }, 'prosecutor');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('validation-error');
    expect(JSON.stringify(bad.body)).toContain('status');
    expect(
      (await t.http.get('/api/v1/tgd-requests/count').set(await as(t, 'operator'))).status,
    ).toBe(403);
  });

  it('lists the technical alerts on my victims’ devices alone', async () => {
    const enrolled = await enrolledDevice(t);
    expect((await postDeviceEvent(t, enrolled.serial, 'low_battery')).status).toBe(201);
    const of = async (coordinatorId: string) =>
      (
        await t.http
          .get('/api/v1/technical-alerts')
          .query({ coordinatorId, pageSize: 100 })
          .set(await as(t, 'coordinator'))
      ).body.items.map((a: { caseId: string }) => a.caseId);
    expect(await of(me)).toContain(enrolled.kase.id);
    expect(await of('coordinator-2@FR-82')).not.toContain(enrolled.kase.id);
  });
});
