import { eventually, FcmServer, startFcmServer } from './support/fcm';
import { newCase, startTestApp, TestApp } from './support/test-app';
import { as, asPartner, consentToShare, referTo } from './support/tgd-journey';

const PSY = 'psychologue-coordination-82';
const CIDFF = 'cidff-82';
const NETWORK = 'fr-82-coordination-vif';
const HOUSING = 'tarn-et-garonne-habitat';

/**
 * A partner learns of what is referred or assigned to it by push, not by polling (issue #17): its
 * staff's phones only, the payload naming no one.
 */
describe('pushes to a partner organisation', () => {
  let fcm: FcmServer;
  let t: TestApp;
  const psyPhone = `psychologue-82-phone-${'a'.repeat(24)}`;
  const cidffPhone = `cidff-82-phone-${'b'.repeat(24)}`;
  const housingPhone = `habitat-82-phone-${'c'.repeat(24)}`;

  beforeAll(async () => {
    fcm = await startFcmServer();
    t = await startTestApp({ env: fcm.env });
    for (const [organisation, token] of [
      [PSY, psyPhone],
      [CIDFF, cidffPhone],
      [HOUSING, housingPhone],
    ]) {
      const registered = await t.http
        .post('/api/v1/me/push-tokens')
        .set(await asPartner(t, organisation))
        .send({ token, platform: 'android' });
      expect(registered.status).toBe(201);
    }
  });
  afterAll(async () => {
    await t.close();
    await fcm.stop();
  });

  it("pushes a referral to the partner's phones only, and a concertation action, naming no one", async () => {
    const coordinator = await as(t, 'coordinator');
    const kase = (await t.http.post('/api/v1/cases').set(coordinator).send(newCase())).body;
    await consentToShare(t, kase.id, [PSY]);
    const referral = await referTo(t, kase.id, PSY);
    const pushed = async (type: string) =>
      (await fcm.messages()).filter((m) => m.data.type === type);
    await eventually(async () =>
      expect((await pushed('referral')).map((m) => m.token)).toEqual([psyPhone]),
    );
    const [message] = await pushed('referral');
    expect(message.data).toMatchObject({ referralId: referral.id });
    expect(JSON.stringify(message.data)).not.toMatch(/Camille|Martin|Lilas|\+336|FR-82-/);

    const meeting = (
      await t.http
        .post('/api/v1/concertation-meetings')
        .set(coordinator)
        .send({
          networkId: NETWORK,
          kind: 'risk_meeting',
          scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
        })
    ).body;
    await t.http
      .post(`/api/v1/concertation-meetings/${meeting.id}/agenda`)
      .set(coordinator)
      .send({ caseId: kase.id });
    const assigned = await t.http
      .post(`/api/v1/concertation-meetings/${meeting.id}/actions`)
      .set(coordinator)
      .send({
        caseId: kase.id,
        partnerId: CIDFF,
        description: 'Proposer une consultation juridique.',
        dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      });
    expect(assigned.status).toBe(200);
    await eventually(async () =>
      expect((await pushed('concertation-action')).map((m) => m.token)).toEqual([cidffPhone]),
    );
    const [action] = await pushed('concertation-action');
    // Ids only: the delivery's, the notification's, the action's.
    expect(Object.keys(action.data).sort()).toEqual([
      'actionId',
      'deliveryId',
      'notificationId',
      'type',
    ]);
  });

  it('pushes a request for an emergency place to the housing partners whose waiting list it is on', async () => {
    const coordinator = await as(t, 'coordinator');
    const kase = (await t.http.post('/api/v1/cases').set(coordinator).send(newCase())).body;
    const requested = await t.http
      .post(`/api/v1/cases/${kase.id}/housing-requests`)
      .set(coordinator)
      .send({
        children: 2,
        from: new Date().toISOString().slice(0, 10),
        nights: 3,
        urgency: 'immediate',
      });
    expect(requested.status).toBe(201);
    const pushed = async () =>
      (await fcm.messages()).filter((m) => m.data.type === 'housing-request');
    await eventually(async () =>
      expect((await pushed()).map((m) => m.token)).toEqual([housingPhone]),
    );
    expect((await pushed())[0].data).toMatchObject({
      requestId: requested.body.id,
      urgency: 'immediate',
    });
  });
});
