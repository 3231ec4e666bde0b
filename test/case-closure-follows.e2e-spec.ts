import { startTestApp, TestApp } from './support/test-app';
import {
  activeAllocation,
  addHousingPlace,
  as,
  asPartner,
  consentToShare,
  referTo,
} from './support/tgd-journey';

const PSY = 'psychologue-coordination-82';
const CIDFF = 'cidff-82';
const HOUSING = 'tarn-et-garonne-habitat';
const NETWORK = 'fr-82-coordination-vif';
const SYSTEM = 'system:case.closed';

interface Referral {
  id: string;
  partnerId: string;
  status: string;
  history: Array<{ kind: string; by: string }>;
}
interface Obligation {
  id: string;
  caseId: string;
  templateId: string;
  allocationId: string | null;
  status: string;
  closedBy: string | null;
}

/**
 * Closing a case ends what hangs on it, each feature reacting to `case.closed` in the closure's
 * transaction and auditing it as `system:case.closed`: the waiting housing request leaves the
 * waiting list, the referral not yet answered ends (and its follow-up obligation with it), the
 * case's open obligations and concertation actions are cancelled. What is under way goes on: the
 * place already allocated, the referral the partner accepted, the TGD allocation's follow-up.
 */
describe('what ends with a closed case', () => {
  let t: TestApp;
  let c82: Record<string, string>;
  const partner = (organisation: string) => asPartner(t, organisation);

  beforeAll(async () => {
    t = await startTestApp();
    c82 = await as(t, 'coordinator');
  });
  afterAll(() => t.close());

  it('ends the waiting request, the unanswered referral, open obligations and actions; keeps what is under way', async () => {
    const today = new Date().toISOString().slice(0, 10);
    // An enrolled case: its TGD allocation has follow-up obligations of its own.
    const { kase, allocation } = await activeAllocation(t);
    await consentToShare(t, kase.id, [PSY, CIDFF]);
    const refer = (partnerId: string, service: string) =>
      referTo(t, kase.id, partnerId, service) as Promise<Referral>;
    // The psychologist accepts; the CIDFF has not answered yet.
    const accepted = await refer(PSY, 'psychological_care');
    const psy = await partner(PSY);
    expect((await t.http.post(`/api/v1/referrals/${accepted.id}/accept`).set(psy)).status).toBe(
      200,
    );
    const unanswered = await refer(CIDFF, 'legal_advice');

    // One request housed in the partner's flat, another still waiting.
    const housing = await partner(HOUSING);
    const flat = await addHousingPlace(t, housing);
    expect(flat.status).toBe(201);
    const request = async () => {
      const res = await t.http
        .post(`/api/v1/cases/${kase.id}/housing-requests`)
        .set(c82)
        .send({ children: 1, from: today, nights: 3, urgency: 'immediate' });
      expect(res.status).toBe(201);
      return res.body as { id: string };
    };
    const housed = await request();
    expect(
      (
        await t.http
          .post(`/api/v1/housing-requests/${housed.id}/allocation`)
          .set(housing)
          .send({ placeId: flat.body.id })
      ).status,
    ).toBe(200);
    const waiting = await request();

    // A concertation meeting assigns an action on the case to the psychologist.
    let meeting = (
      await t.http
        .post('/api/v1/concertation-meetings')
        .set(c82)
        .send({
          networkId: NETWORK,
          kind: 'concertation_cell',
          scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
        })
    ).body;
    if (!meeting.agenda.some((i: { caseId: string }) => i.caseId === kase.id))
      meeting = (
        await t.http
          .post(`/api/v1/concertation-meetings/${meeting.id}/agenda`)
          .set(c82)
          .send({ caseId: kase.id })
      ).body;
    const assign = (description: string) =>
      t.http
        .post(`/api/v1/concertation-meetings/${meeting.id}/actions`)
        .set(c82)
        .send({
          caseId: kase.id,
          partnerId: PSY,
          description,
          dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        });
    const assigned = await assign(
      'Proposer un rendez-vous de soutien psychologique sous huit jours.',
    );
    expect(assigned.status).toBe(200);
    const action = assigned.body.actions.find((a: { caseId: string }) => a.caseId === kase.id);

    const obligations = async () =>
      (await t.http.get(`/api/v1/cases/${kase.id}/obligations`).set(c82)).body as Obligation[];
    const before = await obligations();
    // The case's own open ones: the unanswered referral's, the action's, the waiting request's.
    const open = before.filter((o) => o.allocationId === null && o.status === 'open');
    expect(open.map((o) => o.templateId).sort()).toEqual([
      'concertation_action',
      'housing_follow_up_immediate',
      'referral_follow_up',
    ]);
    const ofAllocation = before.filter((o) => o.allocationId === allocation.id);
    expect(ofAllocation.length).toBeGreaterThan(0);
    expect(ofAllocation.every((o) => o.status === 'open')).toBe(true);

    const closed = await t.http.post(`/api/v1/cases/${kase.id}/close`).set(c82).send({
      reasonCode: 'reasoned_decision',
      reason: 'Victime relogée durablement hors du département ; plus aucun contact avec l’auteur.',
    });
    expect(closed.status).toBe(200);

    // Housing: the waiting request left the waiting list, saying why; the stay goes on.
    const waitingList = (await t.http.get('/api/v1/housing-requests?status=waiting').set(c82)).body
      .items as Array<{ id: string }>;
    expect(waitingList.map((r) => r.id)).not.toContain(waiting.id);
    const withdrawn = (await t.http.get(`/api/v1/housing-requests/${waiting.id}`).set(c82)).body;
    expect(withdrawn).toMatchObject({ status: 'cancelled' });
    expect(withdrawn.cancelReason).toMatch(/case was closed \(reasoned_decision\)/);
    expect((await t.http.get(`/api/v1/housing-requests/${housed.id}`).set(c82)).body.status).toBe(
      'allocated',
    );

    // Referrals: the unanswered one ended by the closure, the accepted one goes on.
    const referrals = (await t.http.get(`/api/v1/cases/${kase.id}/referrals`).set(c82))
      .body as Referral[];
    const byId = new Map(referrals.map((r) => [r.id, r]));
    expect(byId.get(unanswered.id)?.status).toBe('case_closed');
    expect(byId.get(unanswered.id)?.history.at(-1)).toMatchObject({
      kind: 'case_closed',
      by: SYSTEM,
    });
    expect(byId.get(accepted.id)?.status).toBe('accepted');
    const cidff = await partner(CIDFF);
    const late = await t.http.post(`/api/v1/referrals/${unanswered.id}/accept`).set(cidff);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('referral.ended');
    expect(
      (
        await t.http
          .post(`/api/v1/referrals/${accepted.id}/appointments`)
          .set(psy)
          .send({ at: new Date().toISOString(), kind: 'first_interview', attended: true })
      ).status,
    ).toBe(200);

    // Obligations: the case's own are cancelled and off the worklist; the TGD's stay open.
    const after = await obligations();
    const now = new Map(after.map((o) => [o.id, o]));
    expect(open.map((o) => now.get(o.id)?.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(after.find((o) => o.templateId === 'concertation_action')?.closedBy).toBe(SYSTEM);
    expect(
      after.filter((o) => o.allocationId === allocation.id).map((o) => `${o.id}:${o.status}`),
    ).toEqual(ofAllocation.map((o) => `${o.id}:open`));
    const worklist = (await t.http.get('/api/v1/obligations?pageSize=100').set(c82)).body
      .items as Obligation[];
    const listed = worklist.filter((o) => o.caseId === kase.id);
    expect(listed.map((o) => o.id).sort()).toEqual(ofAllocation.map((o) => o.id).sort());

    // Concertation: the action is no longer open, and can no longer be marked done.
    const read = (await t.http.get(`/api/v1/concertation-meetings/${meeting.id}`).set(c82)).body;
    expect(read.actions.find((a: { id: string }) => a.id === action.id).status).toBe('cancelled');
    const done = await t.http.post(`/api/v1/concertation-actions/${action.id}/done`).set(psy);
    expect(done.status).toBe(409);
    expect(done.body.code).toBe('concertation.action-cancelled');
    // Still on the meeting's agenda, the closed case is given no new action.
    const another = await assign('Relancer la victime.');
    expect(another.status).toBe(409);
    expect(another.body.code).toBe('concertation.case-not-in-network');

    // Each reaction audited against the case, by the system reacting to the closure.
    const trail = (
      await t.http
        .get('/api/v1/audit')
        .query({ caseId: kase.id, actorId: SYSTEM, pageSize: 100 })
        .set(await as(t, 'admin'))
    ).body.items as Array<{ action: string; entityId: string; actorId: string; outcome: string }>;
    const bySystem = trail
      .filter((r) => r.actorId === SYSTEM && r.outcome === 'success')
      .map((r) => `${r.action}:${r.entityId}`);
    // (The referral's obligation may be cancelled first by `referral.ended`, as on a withdrawal.)
    const cancelled = after
      .filter((o) => o.closedBy === SYSTEM)
      .map((o) => `obligation.cancel:${o.id}`);
    expect(bySystem).toEqual(
      expect.arrayContaining([
        `housing-request.cancel:${waiting.id}`,
        `referral.case-closed:${unanswered.id}`,
        `concertation.action-cancel:${action.id}`,
        ...cancelled,
      ]),
    );
    expect(bySystem).not.toContain(`housing-request.cancel:${housed.id}`);
    expect(bySystem.some((r) => r.endsWith(accepted.id))).toBe(false);

    // A new incident reopens the case, not what its closure ended.
    const incident = await t.http
      .post(`/api/v1/cases/${kase.id}/incidents`)
      .set(c82)
      .send({ occurredAt: new Date().toISOString(), kind: 'threat', source: 'victim_herself' });
    expect(incident.status).toBe(201);
    expect(incident.body.status).not.toBe('closed');
    expect((await t.http.get(`/api/v1/housing-requests/${waiting.id}`).set(c82)).body.status).toBe(
      'cancelled',
    );
    const again = (await t.http.get(`/api/v1/cases/${kase.id}/referrals`).set(c82))
      .body as Referral[];
    expect(again.find((r) => r.id === unanswered.id)?.status).toBe('case_closed');
  });
});
