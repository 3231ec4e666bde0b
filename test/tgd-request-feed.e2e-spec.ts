import { eventually } from './support/fcm';
import { listen, openFeed, SseClient } from './support/sse';
import { startTestApp, TestApp } from './support/test-app';
import { as, assessedCase } from './support/tgd-journey';

const STREAM = '/api/v1/tgd-requests/stream';
type Role = Parameters<TestApp['token']>[0];

/**
 * Two instances on one database: a request filed on one reaches the prosecutors' consoles on the
 * other at once, without them asking again (issue #16: "without polling"); its decision too; a
 * console that reconnects elsewhere gets what it missed; another jurisdiction hears nothing; the
 * events name no one.
 */
describe('TGD requests followed live, cluster-wide', () => {
  let a: TestApp;
  let b: TestApp;
  let baseA: string;
  let baseB: string;
  const consoles: SseClient[] = [];

  beforeAll(async () => {
    a = await startTestApp();
    b = await startTestApp({ database: a.database });
    baseA = await listen(a);
    baseB = await listen(b);
  });
  afterAll(async () => {
    for (const c of consoles) c.close();
    await b.close();
    await a.close();
  });

  const follow = async (
    base: string,
    t: TestApp,
    role: Role,
    jurisdiction: string,
    last?: string,
  ) => {
    const c = await openFeed(
      base,
      `Bearer ${await t.token(role, [jurisdiction], `${role}-${jurisdiction}`)}`,
      last,
      STREAM,
    );
    consoles.push(c);
    return c;
  };

  it('tells the prosecutors of the jurisdiction, on every instance, of a request filed and decided', async () => {
    const prosecutor = await follow(baseB, b, 'prosecutor', 'FR-82');
    const coordinator = await follow(baseB, b, 'coordinator', 'FR-82');
    const elsewhere = await follow(baseB, b, 'prosecutor', 'FR-71');

    const { kase, assessment } = await assessedCase(a);
    const filed = await a.http
      .post(`/api/v1/cases/${kase.id}/tgd-requests`)
      .set(await as(a, 'coordinator'))
      .send({ assessmentId: assessment.id });
    expect(filed.status).toBe(201);
    const requestId = filed.body.id as string;
    const ofRequest = (c: SseClient) => c.events.filter((e) => e.data.requestId === requestId);

    await eventually(async () =>
      expect(ofRequest(prosecutor).map((e) => e.type)).toEqual(['tgd-request.filed']),
    );
    const [event] = ofRequest(prosecutor);
    expect(event.data).toEqual({
      type: 'tgd-request.filed',
      requestId,
      caseId: kase.id,
      caseReference: kase.reference,
      jurisdiction: 'FR-82',
      status: 'pending',
      at: expect.any(String),
    });
    // Nobody's name, phone or address: the console reads the request over the API.
    expect(JSON.stringify(event.data)).not.toMatch(new RegExp(kase.victim.lastName, 'i'));

    const decided = await b.http
      .post(`/api/v1/tgd-requests/${requestId}/decision`)
      .set(await as(b, 'prosecutor'))
      .send({ decision: 'reject', reasons: 'Conditions non réunies à ce jour.' });
    expect(decided.status).toBe(200);
    for (const c of [prosecutor, coordinator])
      await eventually(async () =>
        expect(ofRequest(c).map((e) => [e.type, e.data.status])).toEqual([
          ['tgd-request.filed', 'pending'],
          ['tgd-request.decided', 'rejected'],
        ]),
      );
    expect(ofRequest(elsewhere)).toEqual([]);

    // A console that lost its link after the filing resumes on the other instance from there.
    const resumed = await follow(baseA, a, 'prosecutor', 'FR-82', event.id);
    // The same through the query, for clients that cannot set headers.
    const c = await openFeed(
      baseA,
      `Bearer ${await a.token('prosecutor', ['FR-82'], 'prosecutor-query')}`,
      undefined,
      `${STREAM}?lastEventId=${encodeURIComponent(event.id!)}`,
    );
    consoles.push(c);
    await eventually(async () => {
      expect(ofRequest(resumed).map((e) => e.type)).toEqual(['tgd-request.decided']);
      expect(ofRequest(c).map((e) => e.type)).toEqual(['tgd-request.decided']);
    });
  });

  it('is refused to the other roles', async () => {
    for (const role of ['operator', 'gateway'] as const) {
      const res = await fetch(`${baseA}${STREAM}`, {
        headers: { Authorization: `Bearer ${await a.token(role, ['FR-82'], role)}` },
      });
      expect(res.status).toBe(403);
      await res.body?.cancel();
    }
  });
});
