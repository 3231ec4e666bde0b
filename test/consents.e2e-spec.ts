import { newCase, startTestApp, TestApp } from './support/test-app';

/** Consent is a record, not a field to overwrite (CPP art. 41-3-1: the TGD needs it). */
describe('consent record of a victim', () => {
  let t: TestApp;
  let coordinator: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp();
    coordinator = {
      Authorization: `Bearer ${await t.token('coordinator', ['FR-82'], 'coord-82')}`,
    };
  });
  afterAll(() => t.close());

  it('keeps the TGD consent when a PATCH adds another, and records a withdrawal as an entry', async () => {
    const res = await t.http.post('/api/v1/cases').set(coordinator).send(newCase());
    const created = res.body;
    expect(created.victim.consents).toEqual([
      expect.objectContaining({ purpose: 'tgd_allocation', given: true, recordedBy: 'coord-82' }),
    ]);
    const geolocation = {
      purpose: 'geolocation',
      given: true,
      recordedAt: '2026-11-22T09:30:00Z',
      how: 'in_person',
    };
    const patched = await t.http
      .patch(`/api/v1/cases/${created.id}`)
      .set(coordinator)
      .send({ victim: { phone: '+33698765432', consents: [geolocation] } });
    expect(patched.status).toBe(200);
    expect(patched.body.victim.consents.map((c: { purpose: string }) => c.purpose)).toEqual([
      'tgd_allocation',
      'geolocation',
    ]);

    const withdrawal = {
      purpose: 'tgd_allocation',
      given: false,
      recordedAt: '2026-11-23T10:00:00Z',
      how: 'phone',
    };
    const withdrawn = await t.http
      .patch(`/api/v1/cases/${created.id}`)
      .set(coordinator)
      .send({ victim: { consents: [withdrawal] } });
    expect(withdrawn.body.victim.consents).toHaveLength(3);
    // Sending the same entry again records nothing new; nobody can forge who entered it.
    const again = await t.http
      .patch(`/api/v1/cases/${created.id}`)
      .set(coordinator)
      .send({ victim: { consents: [withdrawal] } });
    expect(again.body.victim.consents).toHaveLength(3);
    const forged = await t.http
      .patch(`/api/v1/cases/${created.id}`)
      .set(coordinator)
      .send({ victim: { consents: [{ ...withdrawal, recordedBy: 'someone-else' }] } });
    expect(forged.status).toBe(400);

    // The audit of each PATCH names only what changed.
    const admin = { Authorization: `Bearer ${await t.token('admin', ['*'], 'admin-1')}` };
    const audit = (
      await t.http.get(`/api/v1/audit?entityId=${created.id}&action=case.update`).set(admin)
    ).body.items as Array<{ detail: { fields: string[] } }>;
    expect(audit.map((a) => a.detail.fields).reverse()).toEqual([
      ['victim.consents', 'victim.phone'],
      ['victim.consents'],
      [],
    ]);
  });
});
