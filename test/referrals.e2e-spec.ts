import { ObligationsScheduler } from '../src/obligations/obligations.scheduler';
import { ManualClock } from './support/manual-clock';
import { newCase, startTestApp, TestApp } from './support/test-app';
import { as, asPartner } from './support/tgd-journey';

const PSY = 'psychologue-coordination-82';
const VICTIM_SUPPORT = 'france-victimes-82';

interface Referral {
  id: string;
  status: string;
  partnerId: string;
  shared: Record<string, unknown>;
  appointments: Array<{ at: string; kind: string; attended: boolean | null }>;
  history: Array<{ kind: string; by: string }>;
  declineReason: string | null;
}
interface Obligation {
  templateId: string;
  sourceId?: string;
  allocationId: string | null;
  status: string;
  state: string;
  dueAt: string;
  closedBy: string | null;
}

describe('referrals with consent (issue #17)', () => {
  // Thursday 26 November 2026, 10:00 in Paris.
  const clock = new ManualClock(new Date('2026-11-26T09:00:00Z'));
  let t: TestApp;
  let coordinator: Record<string, string>;
  let caseId: string;

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { OBLIGATIONS_SCAN_SECONDS: '86400' } });
    coordinator = await as(t, 'coordinator');
    caseId = (await t.http.post('/api/v1/cases').set(coordinator).send(newCase())).body.id;
  });
  afterAll(() => t.close());

  const partner = (organisation: string) => asPartner(t, organisation);
  const consent = (recipient: string, given: boolean) =>
    t.http
      .patch(`/api/v1/cases/${caseId}`)
      .set(coordinator)
      .send({
        victim: {
          consents: [
            {
              purpose: 'information_sharing',
              recipient,
              given,
              recordedAt: clock.now().toISOString(),
            },
          ],
        },
      });
  const refer = (body: Record<string, unknown> = {}) =>
    t.http
      .post(`/api/v1/cases/${caseId}/referrals`)
      .set(coordinator)
      .send({
        partnerId: PSY,
        service: 'psychological_care',
        share: { victimFirstName: true, contactPhone: false },
        coordinatorContact: '05 63 00 10 10 — coordination VIF 82',
        note: 'Premier rendez-vous en matinée de préférence.',
        ...body,
      });
  const obligations = async (): Promise<Obligation[]> =>
    (await t.http.get(`/api/v1/cases/${caseId}/obligations`).set(coordinator)).body;
  const ofCase = async (): Promise<Referral[]> =>
    (await t.http.get(`/api/v1/cases/${caseId}/referrals`).set(coordinator)).body;

  let referral: Referral;

  it('is refused without the victim consent to share with that very partner', async () => {
    const refused = await refer();
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('referral.consent-missing');
    // A consent to another partner does not count for this one.
    await consent(VICTIM_SUPPORT, true);
    expect((await refer()).body.code).toBe('referral.consent-missing');
    expect(await ofCase()).toEqual([]);
  });

  it('is refused to a partner that does not offer the service or whose network does not cover the case', async () => {
    for (const [partnerId, service] of [
      ['cidff-82', 'psychological_care'], // legal advice and social support only
      ['zp-5339-police', 'police_liaison'], // STOPP VIF: Belgium
      ['nowhere-82', 'legal_advice'],
    ]) {
      const res = await refer({ partnerId, service });
      expect([res.status, res.body.code]).toEqual([409, 'referral.partner-ineligible']);
    }
  });

  it('shares only what was ticked, and plans the follow-up 5 working days ahead', async () => {
    expect((await consent(PSY, true)).status).toBe(200);
    const res = await refer();
    expect(res.status).toBe(201);
    referral = res.body;
    expect(referral).toMatchObject({
      status: 'sent',
      partnerId: PSY,
      caseReference: expect.any(String),
    });
    expect(referral.shared).toEqual({
      victimFirstName: 'Camille',
      contactPhone: null,
      coordinatorName: null,
      coordinatorContact: '05 63 00 10 10 — coordination VIF 82',
      note: 'Premier rendez-vous en matinée de préférence.',
    });
    const text = JSON.stringify(res.body);
    for (const secret of ['Martin', '+33612345678', 'Lilas', 'firearm', 'strangulation', '1988'])
      expect(text).not.toContain(secret);
    const [row] = await t.db.query(`SELECT content_sealed FROM referral WHERE id = $1`, [
      referral.id,
    ]);
    expect(row.content_sealed).not.toContain('Camille');

    const followUp = (await obligations()).filter((o) => o.templateId === 'referral_follow_up');
    expect(followUp).toEqual([
      expect.objectContaining({
        allocationId: null,
        status: 'open',
        state: 'upcoming',
        dueAt: '2026-12-03T09:00:00.000Z', // Thursday + 5 working days
      }),
    ]);
  });

  it('shows the partner its own referrals, and nothing else of the case', async () => {
    const psy = await partner(PSY);
    const inbox = await t.http.get('/api/v1/referrals').set(psy);
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.map((r: Referral) => r.id)).toEqual([referral.id]);
    expect((await t.http.get(`/api/v1/referrals/${referral.id}`).set(psy)).status).toBe(200);

    for (const path of [
      '/api/v1/cases',
      `/api/v1/cases/${caseId}`,
      `/api/v1/cases/${caseId}/referrals`,
      `/api/v1/cases/${caseId}/obligations`,
      `/api/v1/cases/${caseId}/assessments`,
      '/api/v1/obligations',
    ])
      expect([path, (await t.http.get(path).set(psy)).status]).toEqual([path, 403]);
    expect((await refer().set(psy)).status).toBe(403);

    // Another organisation sees none of it, even with consent to share with it.
    const other = await partner(VICTIM_SUPPORT);
    expect((await t.http.get('/api/v1/referrals').set(other)).body.items).toEqual([]);
    expect((await t.http.get(`/api/v1/referrals/${referral.id}`).set(other)).status).toBe(404);
    expect((await t.http.post(`/api/v1/referrals/${referral.id}/accept`).set(other)).status).toBe(
      404,
    );
    // And the coordinator may not answer in the partner's place.
    expect(
      (await t.http.post(`/api/v1/referrals/${referral.id}/accept`).set(coordinator)).status,
    ).toBe(403);
  });

  it('is accepted, its appointments and outcome recorded; the answer completes the follow-up', async () => {
    const psy = await partner(PSY);
    const early = await t.http
      .post(`/api/v1/referrals/${referral.id}/appointments`)
      .set(psy)
      .send({ at: '2026-12-01T09:00:00Z', kind: 'first_interview' });
    expect([early.status, early.body.code]).toEqual([409, 'referral.not-accepted']);

    const accepted = await t.http.post(`/api/v1/referrals/${referral.id}/accept`).set(psy);
    expect([accepted.status, accepted.body.status]).toEqual([200, 'accepted']);
    const again = await t.http
      .post(`/api/v1/referrals/${referral.id}/decline`)
      .set(psy)
      .send({ reason: 'x' });
    expect([again.status, again.body.code]).toEqual([409, 'referral.already-answered']);

    const met = await t.http
      .post(`/api/v1/referrals/${referral.id}/appointments`)
      .set(psy)
      .send({ at: '2026-12-01T09:00:00Z', kind: 'first_interview', attended: true });
    expect(met.status).toBe(200);
    expect(met.body.appointments).toEqual([
      expect.objectContaining({
        at: '2026-12-01T09:00:00.000Z',
        kind: 'first_interview',
        attended: true,
      }),
    ]);

    const [seen] = await ofCase();
    expect(seen.status).toBe('accepted');
    expect(seen.history.map((s) => [s.kind, s.by])).toEqual([
      ['sent', 'coordinator@FR-82'],
      ['accepted', `staff@${PSY}`],
      ['appointment', `staff@${PSY}`],
    ]);
    expect((await obligations()).find((o) => o.templateId === 'referral_follow_up')).toMatchObject({
      status: 'completed',
      closedBy: 'system:referral.answered',
    });
  });

  it('becomes an overdue obligation of the coordinator when the partner does not answer', async () => {
    const sent = await refer({
      partnerId: VICTIM_SUPPORT,
      service: 'legal_advice',
      share: { victimFirstName: false, contactPhone: true },
    });
    expect(sent.status).toBe(201);
    expect(sent.body.shared).toMatchObject({ victimFirstName: null, contactPhone: '+33612345678' });
    clock.set(new Date('2026-12-03T09:00:01Z'));
    await t.app.get(ObligationsScheduler).runOnce();
    const open = (await obligations()).filter(
      (o) => o.templateId === 'referral_follow_up' && o.status === 'open',
    );
    expect(open).toEqual([expect.objectContaining({ state: 'overdue', allocationId: null })]);
    const worklist = await t.http.get('/api/v1/obligations?status=overdue').set(coordinator);
    expect(worklist.body.items.map((o: Obligation) => o.templateId)).toContain(
      'referral_follow_up',
    );

    // Declined with a reason: the answer completes it; nothing more is recorded after.
    const other = await partner(VICTIM_SUPPORT);
    const declined = await t.http
      .post(`/api/v1/referrals/${sent.body.id}/decline`)
      .set(other)
      .send({ reason: 'Permanence complète ce mois-ci.' });
    expect([declined.status, declined.body.declineReason]).toEqual([
      200,
      'Permanence complète ce mois-ci.',
    ]);
    const after = await t.http
      .post(`/api/v1/referrals/${sent.body.id}/outcome`)
      .set(other)
      .send({ outcome: 'other' });
    expect([after.status, after.body.code]).toEqual([409, 'referral.ended']);
    expect(
      (await obligations()).filter(
        (o) => o.templateId === 'referral_follow_up' && o.status === 'open',
      ),
    ).toEqual([]);
  });

  it("ends the partner's access when the victim withdraws her consent, in the consent's transaction", async () => {
    const psy = await partner(PSY);
    // A second, unanswered referral to the same partner: its follow-up must be cancelled.
    const children = await refer({ service: 'children_follow_up' });
    expect(children.status).toBe(201);
    expect((await t.http.get('/api/v1/referrals').set(psy)).body.total).toBe(2);

    expect((await consent(PSY, false)).status).toBe(200);
    const statuses = Object.fromEntries((await ofCase()).map((r) => [r.id, r.status]));
    expect(statuses[referral.id]).toBe('consent_withdrawn');
    expect(statuses[children.body.id]).toBe('consent_withdrawn');
    const ended = (await ofCase()).find((r) => r.id === referral.id)!;
    expect(ended.history.at(-1)).toMatchObject({
      kind: 'consent_withdrawn',
      by: 'system:consent.recorded',
    });

    expect((await t.http.get('/api/v1/referrals').set(psy)).body.items).toEqual([]);
    for (const [method, path] of [
      ['get', `/api/v1/referrals/${referral.id}`],
      ['post', `/api/v1/referrals/${children.body.id}/accept`],
    ] as const)
      expect((await t.http[method](path).set(psy)).status).toBe(404);
    expect(
      (await obligations())
        .filter((o) => o.templateId === 'referral_follow_up')
        .map((o) => o.status)
        .sort(),
    ).toEqual(['cancelled', 'completed', 'completed']);

    // A new referral to that partner is refused until consent is given again.
    expect((await refer()).body.code).toBe('referral.consent-missing');
  });

  it('audits every step, the partner reads and the refusals included', async () => {
    const admin = await as(t, 'admin');
    const records = (
      await t.http.get(`/api/v1/audit?entityId=${referral.id}&pageSize=100`).set(admin)
    ).body.items as Array<{ action: string; outcome: string; actorId: string }>;
    const seen = records.map((r) => `${r.action}:${r.outcome}:${r.actorId}`);
    expect(seen).toEqual(
      expect.arrayContaining([
        'referral.create:success:coordinator@FR-82',
        `referral.read:success:staff@${PSY}`,
        `referral.accept:success:staff@${PSY}`,
        `referral.appointment:success:staff@${PSY}`,
        `referral.accept:denied:staff@${VICTIM_SUPPORT}`,
        'referral.consent-withdrawn:success:system:consent.recorded',
        `referral.read:denied:staff@${PSY}`,
      ]),
    );
  });
});
