import { newCase, startTestApp, TestApp } from './support/test-app';
import { as, consentToShare, referTo } from './support/tgd-journey';

const PSY = 'psychologue-coordination-82';

/**
 * Issue #17: a transferred case takes what other features keep of it to its new jurisdiction —
 * its referrals, its follow-up obligations, its housing requests — so that the old jurisdiction's
 * access ends with the case's and the new coordination sees the whole of it.
 */
describe('what follows a transferred case', () => {
  let t: TestApp;
  let c82: Record<string, string>;
  let c71: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp();
    c82 = await as(t, 'coordinator');
    c71 = await as(t, 'coordinator', ['FR-71']);
  });
  afterAll(() => t.close());

  it('moves the referral, its obligation and the housing request with the case', async () => {
    const kase = (await t.http.post('/api/v1/cases').set(c82).send(newCase())).body;
    await consentToShare(t, kase.id, [PSY]);
    await referTo(t, kase.id, PSY);
    const housing = await t.http
      .post(`/api/v1/cases/${kase.id}/housing-requests`)
      .set(c82)
      .send({
        children: 1,
        from: new Date().toISOString().slice(0, 10),
        nights: 3,
        urgency: 'immediate',
      });
    expect(housing.status).toBe(201);
    const caseObligations = async (headers: Record<string, string>) =>
      (
        (await t.http.get(`/api/v1/cases/${kase.id}/obligations`).set(headers)).body as Array<{
          templateId: string;
          jurisdiction: string;
        }>
      )
        .map((o) => `${o.templateId}:${o.jurisdiction}`)
        .sort();
    // The referral's follow-up and the waiting request's.
    expect(await caseObligations(c82)).toEqual([
      'housing_follow_up_immediate:FR-82',
      'referral_follow_up:FR-82',
    ]);

    expect(
      (
        await t.http
          .post(`/api/v1/cases/${kase.id}/transfer`)
          .set(c82)
          .send({ to: 'FR-71', reason: 'La victime a déménagé à Chalon-sur-Saône.' })
      ).status,
    ).toBe(200);
    expect((await t.http.post(`/api/v1/cases/${kase.id}/transfer/accept`).set(c71)).status).toBe(
      200,
    );

    // The new coordination holds all of it…
    const referrals = (await t.http.get(`/api/v1/cases/${kase.id}/referrals`).set(c71)).body;
    expect(referrals.map((r: { jurisdiction: string }) => r.jurisdiction)).toEqual(['FR-71']);
    expect(await caseObligations(c71)).toEqual([
      'housing_follow_up_immediate:FR-71',
      'referral_follow_up:FR-71',
    ]);
    const requests71 = (await t.http.get('/api/v1/housing-requests').set(c71)).body.items;
    expect(requests71.map((r: { id: string }) => r.id)).toEqual([housing.body.id]);

    // …and the old one none: not in its worklist, nor its housing requests.
    const worklist82 = (await t.http.get('/api/v1/obligations').set(c82)).body.items;
    expect(worklist82.filter((o: { caseId: string }) => o.caseId === kase.id)).toEqual([]);
    const requests82 = (await t.http.get('/api/v1/housing-requests').set(c82)).body.items;
    expect(requests82.filter((r: { id: string }) => r.id === housing.body.id)).toEqual([]);
    expect((await t.http.get(`/api/v1/cases/${kase.id}/referrals`).set(c82)).status).toBe(404);
  });
});
