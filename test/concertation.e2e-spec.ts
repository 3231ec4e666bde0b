import { ManualClock } from './support/manual-clock';
import { overprints, readPdf } from './support/pdf';
import { newCase, startTestApp, TestApp } from './support/test-app';
import { as, asPartner, assessedCase } from './support/tgd-journey';

const NETWORK = 'fr-82-coordination-vif';
const PSY = 'psychologue-coordination-82';
const CIDFF = 'cidff-82';

interface AgendaItem {
  caseId: string;
  reference: string;
  levelFromTop: number | null;
  repeat: boolean;
  reasons: string[];
}
interface Action {
  id: string;
  caseId: string;
  caseReference: string;
  partnerId: string;
  description: string;
  dueAt: string;
  status: string;
}
interface Meeting {
  id: string;
  agenda: AgendaItem[];
  participants: Array<{ partnerId: string; attended: boolean | null }>;
  decisions: Array<{ caseId: string; text: string }>;
  actions: Action[];
}
interface Obligation {
  templateId: string;
  sourceId?: string;
  allocationId: string | null;
  status: string;
  dueAt: string;
  closedBy: string | null;
}

/** A victim of her own (the repeat rule matches name + birth date, or phone). */
const victim = (lastName: string, phone: string) => ({
  ...newCase().victim,
  lastName,
  phone,
  dateOfBirth: '1979-02-03',
});

describe('concertation meetings (issue #17)', () => {
  const clock = new ManualClock(new Date('2026-11-26T09:00:00Z'));
  let t: TestApp;
  let coordinator: Record<string, string>;
  let grave: { id: string; reference: string };
  let repeat: { id: string; reference: string };
  let low: { id: string; reference: string };
  let meeting: Meeting;

  const partner = (organisation: string) => asPartner(t, organisation);
  const getPdf = (url: string, headers: Record<string, string>) =>
    t.http
      .get(url)
      .set(headers)
      .buffer(true)
      .parse((response, callback) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => callback(null, Buffer.concat(chunks)));
      });
  const obligations = async (caseId: string): Promise<Obligation[]> =>
    (await t.http.get(`/api/v1/cases/${caseId}/obligations`).set(coordinator)).body;

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { OBLIGATIONS_SCAN_SECONDS: '86400' } });
    coordinator = await as(t, 'coordinator');
    grave = (
      await assessedCase(t, ['strangulation', 'menaces_de_mort'], {
        victim: victim('Lefort', '+33611111111'),
      })
    ).kase;
    low = (await assessedCase(t, [], { victim: victim('Bernard', '+33622222222') })).kase;
    const post = async (v: object) =>
      (
        await t.http
          .post('/api/v1/cases')
          .set(coordinator)
          .send(newCase('FR-82', { victim: v }))
      ).body;
    await post(victim('Roussel', '+33633333333'));
    repeat = await post(victim('Roussel', '+33633333333'));
    // A grave case elsewhere: never on FR-82's agenda.
    await t.http
      .post('/api/v1/cases')
      .set(await as(t, 'coordinator', ['FR-71']))
      .send(newCase('FR-71', { victim: victim('Autre', '+33644444444') }));
  });
  afterAll(() => t.close());

  it('proposes the agenda from the highest levels and the repeats, with the reasons, no identity', async () => {
    const res = await t.http.post('/api/v1/concertation-meetings').set(coordinator).send({
      networkId: NETWORK,
      kind: 'concertation_cell',
      scheduledAt: '2026-12-03T13:30:00Z',
    });
    expect(res.status).toBe(201);
    meeting = res.body;
    const byCase = new Map(meeting.agenda.map((i) => [i.caseId, i]));
    expect(byCase.get(grave.id)).toMatchObject({ levelFromTop: 1, reasons: ['highest_level'] }); // the grid's second level;
    expect(byCase.get(repeat.id)).toMatchObject({ repeat: true, reasons: ['repeat'] });
    expect(byCase.has(low.id)).toBe(false);
    expect(meeting.agenda[0].caseId).toBe(grave.id);
    // The first of the repeated victim's cases is no repeat itself, nor assessed: not proposed.
    expect(meeting.agenda).toHaveLength(2);
    const text = JSON.stringify(meeting);
    for (const name of ['Lefort', 'Roussel', 'Camille', '+336']) expect(text).not.toContain(name);
  });

  it('lets the coordinator add and remove cases, refusing one outside the network', async () => {
    const added = await t.http
      .post(`/api/v1/concertation-meetings/${meeting.id}/agenda`)
      .set(coordinator)
      .send({ caseId: low.id });
    expect(added.status).toBe(200);
    expect(added.body.agenda.find((i: AgendaItem) => i.caseId === low.id).reasons).toEqual([
      'added',
    ]);
    const removed = await t.http
      .delete(`/api/v1/concertation-meetings/${meeting.id}/agenda/${low.id}`)
      .set(coordinator);
    expect(removed.status).toBe(200);
    expect(removed.body.agenda.map((i: AgendaItem) => i.caseId)).not.toContain(low.id);
    const again = await t.http
      .delete(`/api/v1/concertation-meetings/${meeting.id}/agenda/${low.id}`)
      .set(coordinator);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('concertation.case-not-on-agenda');
    // A case of FR-71 is out of this coordinator's reach: 404.
    const other = (await t.http.get('/api/v1/cases').set(await as(t, 'coordinator', ['FR-71'])))
      .body.items[0];
    const far = await t.http
      .post(`/api/v1/concertation-meetings/${meeting.id}/agenda`)
      .set(coordinator)
      .send({ caseId: other.id });
    expect(far.status).toBe(404);
  });

  it('refuses a network that does not cover the jurisdiction', async () => {
    const res = await t.http
      .post('/api/v1/concertation-meetings')
      .set(await as(t, 'coordinator', ['FR-71']))
      .send({ networkId: NETWORK, kind: 'risk_meeting', scheduledAt: '2026-12-03T13:30:00Z' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('concertation.network-not-covering');
    // Naming a jurisdiction the network does not cover is refused the same way.
    const named = await t.http.post('/api/v1/concertation-meetings').set(coordinator).send({
      networkId: NETWORK,
      jurisdiction: 'FR-71',
      kind: 'risk_meeting',
      scheduledAt: '2026-12-03T13:30:00Z',
    });
    expect(named.body.code).toBe('concertation.network-not-covering');
  });

  it('invites partners of the network and records attendance; refuses a stranger', async () => {
    const res = await t.http
      .put(`/api/v1/concertation-meetings/${meeting.id}/participants`)
      .set(coordinator)
      .send({
        participants: [
          { partnerId: PSY, attended: true },
          { partnerId: CIDFF, attended: false },
        ],
      });
    expect(res.status).toBe(200);
    expect(res.body.participants).toEqual([
      expect.objectContaining({ partnerId: PSY, attended: true }),
      expect.objectContaining({ partnerId: CIDFF, attended: false }),
    ]);
    const stranger = await t.http
      .put(`/api/v1/concertation-meetings/${meeting.id}/participants`)
      .set(coordinator)
      .send({ participants: [{ partnerId: 'no-such-partner' }] });
    expect(stranger.status).toBe(409);
    expect(stranger.body.code).toBe('concertation.partner-not-in-network');
  });

  it('records a decision (sealed) and an action that becomes an obligation due at its deadline', async () => {
    const decision = await t.http
      .post(`/api/v1/concertation-meetings/${meeting.id}/decisions`)
      .set(coordinator)
      .send({ caseId: grave.id, text: 'Demande de TGD au parquet à instruire en urgence.' });
    expect(decision.status).toBe(200);
    const action = await t.http
      .post(`/api/v1/concertation-meetings/${meeting.id}/actions`)
      .set(coordinator)
      .send({
        caseId: grave.id,
        partnerId: PSY,
        description: 'Proposer un rendez-vous de soutien psychologique sous huit jours.',
        dueAt: '2026-12-10T17:00:00Z',
      });
    expect(action.status).toBe(200);
    meeting = action.body;
    expect(meeting.decisions).toHaveLength(1);
    expect(meeting.actions).toEqual([
      expect.objectContaining({ caseId: grave.id, partnerId: PSY, status: 'open' }),
    ]);
    const off = await t.http
      .post(`/api/v1/concertation-meetings/${meeting.id}/actions`)
      .set(coordinator)
      .send({ caseId: low.id, partnerId: PSY, description: 'x', dueAt: '2026-12-10T17:00:00Z' });
    expect(off.status).toBe(409);
    expect(off.body.code).toBe('concertation.case-not-on-agenda');

    const planned = (await obligations(grave.id)).filter(
      (o) => o.templateId === 'concertation_action',
    );
    expect(planned).toEqual([
      expect.objectContaining({
        allocationId: null,
        status: 'open',
        dueAt: '2026-12-10T17:00:00.000Z',
      }),
    ]);

    // Sealed at rest: neither the decision nor the action's words are stored in clear.
    const rows = await t.db.query(
      `SELECT m.decisions_sealed, a.description_sealed FROM concertation_meeting m JOIN concertation_action a ON a.meeting_id = m.id`,
    );
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain('parquet');
    expect(stored).not.toContain('psychologique');
  });

  it('shows a partner its actions only (reference and action), and lets it mark one done', async () => {
    const psy = await partner(PSY);
    const mine = await t.http.get('/api/v1/concertation-actions').set(psy);
    expect(mine.status).toBe(200);
    expect(mine.body).toHaveLength(1);
    expect(mine.body[0]).toMatchObject({
      caseReference: grave.reference,
      description: 'Proposer un rendez-vous de soutien psychologique sous huit jours.',
    });
    expect(JSON.stringify(mine.body)).not.toContain('Lefort');
    expect(
      (await t.http.get('/api/v1/concertation-actions').set(await partner(CIDFF))).body,
    ).toEqual([]);
    // The meeting itself, and the case, stay closed to partners.
    expect((await t.http.get(`/api/v1/concertation-meetings/${meeting.id}`).set(psy)).status).toBe(
      403,
    );
    const id = mine.body[0].id;
    expect(
      (await t.http.post(`/api/v1/concertation-actions/${id}/done`).set(await partner(CIDFF)))
        .status,
    ).toBe(404);
    const done = await t.http.post(`/api/v1/concertation-actions/${id}/done`).set(psy);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', doneBy: `staff@${PSY}` });
    const twice = await t.http.post(`/api/v1/concertation-actions/${id}/done`).set(coordinator);
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('concertation.action-done');

    expect(
      (await obligations(grave.id)).find((o) => o.templateId === 'concertation_action'),
    ).toMatchObject({ status: 'completed', closedBy: 'system:concertation.action-done' });
  });

  it('prints the minutes in French with the frame, without the victim identity', async () => {
    const res = await getPdf(
      `/api/v1/concertation-meetings/${meeting.id}/minutes.pdf`,
      coordinator,
    );
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const { pages, text, items } = readPdf(res.body as Buffer);
    const all = text.join('\n').replace(/\s+/g, ' ');
    expect(all).toContain('Compte rendu de réunion de concertation');
    expect(all).toContain('Cellule de concertation');
    expect(all).toContain('Psychologue de la coordination VIF — présent');
    expect(all).toContain(`Dossier ${grave.reference}`);
    expect(all).toContain(`Dossier ${repeat.reference}`);
    expect(all).toContain('victime déjà connue dans les 12 derniers mois');
    expect(all).toContain('Décision : Demande de TGD au parquet à instruire en urgence.');
    expect(all).toContain(
      'Action confiée à Psychologue de la coordination VIF, échéance le 10/12/2026',
    );
    expect(all).toContain(`Page 1 / ${pages}`);
    expect(all).toContain('Document confidentiel');
    for (const name of ['Lefort', 'Roussel', 'Camille', '+336']) expect(all).not.toContain(name);
    items.forEach((page) => expect(overprints(page)).toEqual([]));
  });

  it("keeps a meeting within its jurisdiction: another jurisdiction's coordinator finds nothing", async () => {
    const elsewhere = await as(t, 'coordinator', ['FR-71']);
    expect(
      (await t.http.get(`/api/v1/concertation-meetings/${meeting.id}`).set(elsewhere)).status,
    ).toBe(404);
    expect((await t.http.get('/api/v1/concertation-meetings').set(elsewhere)).body).toEqual([]);
    const mine = await t.http.get('/api/v1/concertation-meetings').set(coordinator);
    expect(mine.body.map((m: { id: string }) => m.id)).toEqual([meeting.id]);
    // An admin of the jurisdiction reads it too.
    expect(
      (await t.http.get(`/api/v1/concertation-meetings/${meeting.id}`).set(await as(t, 'admin')))
        .status,
    ).toBe(200);
  });

  it('audits every read and write of the meeting', async () => {
    const read = await t.http.get(`/api/v1/concertation-meetings/${meeting.id}`).set(coordinator);
    expect(read.status).toBe(200);
    expect(read.body.actions[0].status).toBe('done');
    const rows: Array<{ action: string }> = await t.db.query(
      `SELECT action FROM audit_record WHERE entity_id = $1 OR entity_id IN (SELECT id FROM concertation_action WHERE meeting_id = $1)`,
      [meeting.id],
    );
    const actions = new Set(rows.map((r) => r.action));
    for (const a of [
      'concertation.schedule',
      'concertation.agenda-add',
      'concertation.agenda-remove',
      'concertation.participants',
      'concertation.decision',
      'concertation.action-assign',
      'concertation.action-read',
      'concertation.action-done',
      'concertation.read',
      'concertation.minutes',
    ])
      expect(actions).toContain(a);
  });

  it("schedules for an admin of every jurisdiction in the network's own, without naming it", async () => {
    const res = await t.http
      .post('/api/v1/concertation-meetings')
      .set(await as(t, 'admin', ['*']))
      .send({ networkId: NETWORK, kind: 'risk_meeting', scheduledAt: '2026-12-10T13:30:00Z' });
    expect(res.status).toBe(201);
    expect(res.body.jurisdiction).toBe('FR-82');
  });

  it('proposes the agenda again before the meeting: a case that qualifies since joins it, the rest stays', async () => {
    const before = (
      await t.http.get(`/api/v1/concertation-meetings/${meeting.id}`).set(coordinator)
    ).body.agenda.map((i: AgendaItem) => i.caseId);
    const since = (
      await assessedCase(t, ['strangulation', 'menaces_de_mort'], {
        victim: victim('Garnier', '+33644444444'),
      })
    ).kase;
    expect(before).not.toContain(since.id);
    const refreshed = await t.http
      .post(`/api/v1/concertation-meetings/${meeting.id}/agenda/refresh`)
      .set(coordinator);
    expect(refreshed.status).toBe(200);
    const after = refreshed.body.agenda.map((i: AgendaItem) => i.caseId);
    expect(after).toEqual(expect.arrayContaining([...before, since.id]));
    expect(after).toHaveLength(before.length + 1);
    // Refreshing again adds nothing; a case taken off by hand stays off.
    const again = await t.http
      .post(`/api/v1/concertation-meetings/${meeting.id}/agenda/refresh`)
      .set(coordinator);
    expect(again.body.agenda).toHaveLength(after.length);
    await t.http
      .delete(`/api/v1/concertation-meetings/${meeting.id}/agenda/${since.id}`)
      .set(coordinator);
    const withoutIt = await t.http
      .post(`/api/v1/concertation-meetings/${meeting.id}/agenda/refresh`)
      .set(coordinator);
    expect(withoutIt.body.agenda.map((i: AgendaItem) => i.caseId)).not.toContain(since.id);
  });
});
