import { eventually, FcmServer, startFcmServer } from './support/fcm';
import { startTestApp, TestApp } from './support/test-app';
import { as, assessedCase } from './support/tgd-journey';

/** A prosecutor learns of a new TGD request by push, not by polling; the payload names no one. */
describe('a TGD request pushed to the prosecutors', () => {
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

  it('reaches the prosecutors of the jurisdiction only, once', async () => {
    const here = `prosecutor-82-phone-${'p'.repeat(24)}`;
    const elsewhere = `prosecutor-71-phone-${'q'.repeat(24)}`;
    await t.http
      .post('/api/v1/me/push-tokens')
      .set(await as(t, 'prosecutor'))
      .send({ token: here, platform: 'android' });
    await t.http
      .post('/api/v1/me/push-tokens')
      .set(await as(t, 'prosecutor', ['FR-71']))
      .send({ token: elsewhere, platform: 'android' });
    const { kase, assessment } = await assessedCase(t);
    const filed = await t.http
      .post(`/api/v1/cases/${kase.id}/tgd-requests`)
      .set(await as(t, 'coordinator'))
      .send({ assessmentId: assessment.id });
    expect(filed.status).toBe(201);
    const pushed = async () => (await fcm.messages()).filter((m) => m.data.type === 'tgd-request');
    await eventually(async () => expect((await pushed()).map((m) => m.token)).toEqual([here]));
    const [message] = await pushed();
    expect(message.data).toMatchObject({ requestId: filed.body.id, jurisdiction: 'FR-82' });
    expect(JSON.stringify(message.data)).not.toMatch(/Camille|Martin|Lilas|\+336/);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await pushed()).toHaveLength(1);
  });
});
