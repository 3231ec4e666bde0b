import { newCase, startTestApp, TestApp } from './support/test-app';
import { addHousingPlace, as, asPartner } from './support/tgd-journey';

const PSY = 'psychologue-coordination-82';
const HOUSING = 'tarn-et-garonne-habitat';

/**
 * Issue #17, "done when": one case in a network with partners is referred, housed, its child
 * followed, transferred and closed; each step scoped and audited; a partner sees only what was
 * referred to it.
 */
describe('a case through its network, from intake to closure', () => {
  let t: TestApp;
  let c82: Record<string, string>;
  let c71: Record<string, string>;
  const partner = (organisation: string) => asPartner(t, organisation);

  beforeAll(async () => {
    t = await startTestApp();
    c82 = await as(t, 'coordinator');
    c71 = await as(t, 'coordinator', ['FR-71']);
  });
  afterAll(() => t.close());

  it('is referred, housed, its child followed, transferred and closed', async () => {
    const today = new Date().toISOString().slice(0, 10);
    // Intake from the 24/7 line, the consent to share with the psychologist given at once.
    const base = newCase();
    const opened = await t.http
      .post('/api/v1/cases')
      .set(c82)
      .send({
        ...base,
        intake: { channel: 'hotline_24_7' },
        victim: {
          ...base.victim,
          consents: [
            ...base.victim.consents,
            {
              purpose: 'information_sharing',
              recipient: PSY,
              given: true,
              recordedAt: new Date().toISOString(),
            },
          ],
        },
        children: [{ firstName: 'Léa', age: 7, exposed: true, victim: false }],
      });
    expect(opened.status).toBe(201);
    const kase = opened.body;

    // Referred: the psychologist accepts, and sees nothing else of the case.
    const referral = await t.http
      .post(`/api/v1/cases/${kase.id}/referrals`)
      .set(c82)
      .send({
        partnerId: PSY,
        service: 'psychological_care',
        share: { victimFirstName: true, contactPhone: true },
        coordinatorContact: '05 63 00 10 10 — coordination VIF 82',
      });
    expect(referral.status).toBe(201);
    const psy = await partner(PSY);
    expect(
      (await t.http.post(`/api/v1/referrals/${referral.body.id}/accept`).set(psy)).status,
    ).toBe(200);
    expect((await t.http.get(`/api/v1/cases/${kase.id}`).set(psy)).status).toBe(403);
    expect((await t.http.get(`/api/v1/cases/${kase.id}/history`).set(psy)).status).toBe(403);
    const seen = (await t.http.get(`/api/v1/referrals/${referral.body.id}`).set(psy)).body;
    expect(JSON.stringify(seen)).not.toMatch(/Martin|Lilas|firearm|Léa/);

    // Housed: the housing partner's flat, allocated then released.
    const housing = await partner(HOUSING);
    const flat = await addHousingPlace(t, housing);
    expect(flat.status).toBe(201);
    const request = await t.http
      .post(`/api/v1/cases/${kase.id}/housing-requests`)
      .set(c82)
      .send({ children: 1, from: today, nights: 3, urgency: 'immediate' });
    expect(request.status).toBe(201);
    const allocated = await t.http
      .post(`/api/v1/housing-requests/${request.body.id}/allocation`)
      .set(housing)
      .send({ placeId: flat.body.id });
    expect(allocated.status).toBe(200);
    expect((await t.http.get(`/api/v1/cases/${kase.id}`).set(housing)).status).toBe(403);

    // The child followed: a workshop attended.
    const lea = kase.children[0];
    const workshop = await t.http
      .post(`/api/v1/cases/${kase.id}/children/${lea.id}/follow-up`)
      .set(c82)
      .send({ kind: 'workshop', attendedOn: today });
    expect(workshop.status).toBe(201);

    // Transferred to FR-71: the old coordination loses it, the new one holds it all.
    await t.http
      .post(`/api/v1/cases/${kase.id}/transfer`)
      .set(c82)
      .send({ to: 'FR-71', reason: 'La victime a déménagé à Chalon-sur-Saône.' })
      .expect(200);
    await t.http.post(`/api/v1/cases/${kase.id}/transfer/accept`).set(c71).expect(200);
    expect((await t.http.get(`/api/v1/cases/${kase.id}`).set(c82)).status).toBe(404);
    const moved = (await t.http.get(`/api/v1/cases/${kase.id}/referrals`).set(c71)).body;
    expect(moved.map((r: { status: string }) => r.status)).toEqual(['accepted']);

    // Closed by the new coordination, as a reasoned decision.
    const closed = await t.http.post(`/api/v1/cases/${kase.id}/close`).set(c71).send({
      reasonCode: 'reasoned_decision',
      reason:
        'Victime relogée et suivie à Chalon-sur-Saône ; plus de contact avec l’auteur depuis trois mois.',
    });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');

    // Every step audited against the case.
    const actions: string[] = (
      await t.db.query(`SELECT DISTINCT action FROM audit_record WHERE case_id = $1`, [kase.id])
    ).map((row: { action: string }) => row.action);
    for (const step of [
      /^case\.create/,
      /^referral\./,
      /^housing/,
      /child\.follow-up/,
      /transfer/,
      /close/,
    ])
      expect(actions.some((action) => step.test(action))).toBe(true);
  });
});
