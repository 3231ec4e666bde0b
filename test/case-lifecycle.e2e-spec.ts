import { CasesService } from '../src/cases/cases.service';
import { DomainEventPublisher } from '../src/common/domain-event-publisher';
import { DomainEvent } from '../src/common/domain-events';
import { newCase, startTestApp, TestApp } from './support/test-app';
import { activeAllocation, assessedCase } from './support/tgd-journey';

/** Issue #17: intake, MARAC's repeat rule, incidents, transfers and closure as a decision. */
describe('the life of a case', () => {
  let t: TestApp;
  let c82: Record<string, string>;
  let c71: Record<string, string>;
  let national: Record<string, string>;
  const events: DomainEvent[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    t.app.get(DomainEventPublisher).subscribe(async (_manager, event) => {
      events.push(event);
    });
    const auth = async (jurisdictions: string[], subject: string) => ({
      Authorization: `Bearer ${await t.token('coordinator', jurisdictions, subject)}`,
    });
    c82 = await auth(['FR-82'], 'coordinator@FR-82');
    c71 = await auth(['FR-71'], 'coord-71');
    national = await auth(['*'], 'national');
  });
  afterAll(() => t.close());

  let victims = 0;
  /** A victim nobody else in this suite has. */
  const victim = () => {
    victims += 1;
    return {
      lastName: `Durand${'x'.repeat(victims)}`,
      firstName: 'Léa',
      dateOfBirth: '1990-02-03',
      phone: `+3361100${String(victims).padStart(4, '0')}`,
    };
  };
  const open = async (
    headers: Record<string, string>,
    body: Record<string, unknown>,
    jurisdiction = 'FR-82',
  ) => {
    const res = await t.http
      .post('/api/v1/cases')
      .set(headers)
      .send({ ...newCase(jurisdiction), ...body });
    expect(res.status).toBe(201);
    return res.body;
  };

  describe('intake', () => {
    it('records how the case came in and who took it; absent, it is unknown', async () => {
      const created = await open(c82, {
        victim: victim(),
        intake: { channel: 'hotline_24_7', receivedAt: '2026-01-10T21:40:00+01:00' },
      });
      expect(created.intake).toEqual({
        channel: 'hotline_24_7',
        partnerId: null,
        receivedAt: '2026-01-10T20:40:00.000Z',
        takenById: 'coordinator@FR-82',
        takenByName: null,
      });
      const read = await t.http.get(`/api/v1/cases/${created.id}`).set(c82);
      expect(read.body.intake).toEqual(created.intake);
      expect((await open(c82, { victim: victim() })).intake).toBeNull();
    });

    it('names the referring partner with partner_referral, and refuses it missing', async () => {
      const referred = await open(c82, {
        victim: victim(),
        intake: { channel: 'partner_referral', partnerId: 'cidff-82' },
      });
      expect(referred.intake).toMatchObject({ channel: 'partner_referral', partnerId: 'cidff-82' });
      const missing = await t.http
        .post('/api/v1/cases')
        .set(c82)
        .send({ ...newCase(), intake: { channel: 'partner_referral' } });
      expect(missing.status).toBe(400);
      expect(missing.body.errors[0].field).toBe('intake.partnerId');
      const unknown = await t.http
        .post('/api/v1/cases')
        .set(c82)
        .send({ ...newCase(), intake: { channel: 'carrier_pigeon' } });
      expect(unknown.status).toBe(400);
    });
  });

  describe("MARAC's repeat rule", () => {
    it('flags a second case of the same victim, written differently, and names the first', async () => {
      const v = victim();
      const first = await open(c82, { victim: v });
      expect(first.repeat).toBeNull();
      const second = await open(c82, {
        victim: { ...v, lastName: ` ${v.lastName.toUpperCase()}`, phone: undefined },
      });
      expect(second.repeat).toMatchObject({
        previousCases: [{ id: first.id, reference: first.reference }],
        knownElsewhere: false,
      });
      expect(second.repeat.lastKnownAt).toBe(new Date(first.lastKnownAt).toISOString());
      // By phone alone, too (the second case gave none).
      const byPhone = await open(c82, { victim: { lastName: 'Autre', phone: v.phone } });
      expect(byPhone.repeat.previousCases.map((c: { id: string }) => c.id)).toEqual([first.id]);
    });

    it('says only "known elsewhere" of another jurisdiction’s case', async () => {
      const v = victim();
      const elsewhere = await open(national, { victim: v }, 'FR-71');
      const here = await open(c82, { victim: v });
      expect(here.repeat).toMatchObject({
        previousCases: [],
        lastKnownAt: null,
        knownElsewhere: true,
      });
      expect(JSON.stringify(here)).not.toContain(elsewhere.reference);
      expect(JSON.stringify(here)).not.toContain(elsewhere.id);
      // The national coordinator sees both.
      const read = await t.http.get(`/api/v1/cases/${here.id}`).set(national);
      expect(read.body.repeat.previousCases[0].id).toBe(elsewhere.id);
    });

    it('forgets a victim last known more than 12 months ago, until a new incident', async () => {
      const v = victim();
      const old = await open(c82, { victim: v });
      await t.db.query(
        `UPDATE case_file SET last_known_at = now() - interval '13 months' WHERE id = $1`,
        [old.id],
      );
      const fresh = await open(c82, { victim: v });
      expect(fresh.repeat).toBeNull();
      const incident = await t.http
        .post(`/api/v1/cases/${fresh.id}/incidents`)
        .set(c82)
        .send({ occurredAt: new Date().toISOString(), kind: 'threat', source: 'victim_herself' });
      expect(incident.status).toBe(201);
      expect(incident.body.repeat).toBeNull();
      // An incident in the old case makes it known again: the fresh one is a repeat at its next.
      await t.http.post(`/api/v1/cases/${old.id}/incidents`).set(c82).send({
        occurredAt: new Date().toISOString(),
        kind: 'violence',
        source: 'police_call_out',
      });
      const again = await t.http
        .post(`/api/v1/cases/${fresh.id}/incidents`)
        .set(c82)
        .send({ occurredAt: new Date().toISOString(), kind: 'threat', source: 'complaint' });
      expect(again.body.repeat.previousCases[0].id).toBe(old.id);
      expect(events).toContainEqual(
        expect.objectContaining({ type: 'case.incident-recorded', caseId: fresh.id, repeat: true }),
      );
    });

    it('keeps only keyed digests of the identity, never the clear value', async () => {
      const v = victim();
      const created = await open(c82, { victim: v });
      const keys = await t.db.query(`SELECT * FROM victim_identity_key WHERE case_id = $1`, [
        created.id,
      ]);
      expect(keys.map((k: { kind: string }) => k.kind).sort()).toEqual(['name_birth', 'phone']);
      const dump = JSON.stringify(keys);
      for (const clear of [v.lastName, v.lastName.toUpperCase(), v.phone, '1990-02-03'])
        expect(dump).not.toContain(clear);
      for (const k of keys) expect(k.digest).toMatch(/^[0-9a-f]{64}$/);
    });
  });

  describe('incidents', () => {
    it('records one with a sealed note in the history, and announces it without personal data', async () => {
      const created = await open(c82, { victim: victim() });
      const res = await t.http.post(`/api/v1/cases/${created.id}/incidents`).set(c82).send({
        occurredAt: '2026-11-20T22:15:00+01:00',
        kind: 'breach_of_ban',
        source: 'police_call_out',
        note: 'Il attendait devant l’école malgré l’interdiction.',
      });
      expect(res.status).toBe(201);
      const history = (await t.http.get(`/api/v1/cases/${created.id}/history`).set(c82)).body;
      expect(history).toEqual([
        expect.objectContaining({
          kind: 'incident',
          incidentKind: 'breach_of_ban',
          source: 'police_call_out',
          occurredAt: '2026-11-20T21:15:00.000Z',
          actorId: 'coordinator@FR-82',
          note: 'Il attendait devant l’école malgré l’interdiction.',
        }),
      ]);
      const rows = await t.db.query(`SELECT * FROM case_event WHERE case_id = $1`, [created.id]);
      expect(JSON.stringify(rows)).not.toContain('école');
      const event = events.find(
        (e) => e.type === 'case.incident-recorded' && e.caseId === created.id,
      );
      expect(event).toMatchObject({
        jurisdiction: 'FR-82',
        kind: 'breach_of_ban',
        reopened: false,
      });
      expect(JSON.stringify(event)).not.toContain('école');
      const audit = await t.db.query(
        `SELECT action FROM audit_record WHERE entity_id = $1 AND action = 'case.incident'`,
        [created.id],
      );
      expect(audit).toHaveLength(1);
    });

    it('refuses one in the future or of an unknown kind, and one on another jurisdiction’s case', async () => {
      const created = await open(c82, { victim: victim() });
      const future = await t.http
        .post(`/api/v1/cases/${created.id}/incidents`)
        .set(c82)
        .send({ occurredAt: '2099-01-01T00:00:00Z', kind: 'threat', source: 'other' });
      expect(future.status).toBe(400);
      const kind = await t.http
        .post(`/api/v1/cases/${created.id}/incidents`)
        .set(c82)
        .send({ occurredAt: '2026-01-01T00:00:00Z', kind: 'rumour', source: 'other' });
      expect(kind.status).toBe(400);
      const foreign = await t.http
        .post(`/api/v1/cases/${created.id}/incidents`)
        .set(c71)
        .send({ occurredAt: '2026-01-01T00:00:00Z', kind: 'threat', source: 'other' });
      expect(foreign.status).toBe(404);
    });
  });

  describe('closure as a decision', () => {
    /** Submits another all-"no" assessment (the grid's lowest level) on the case. */
    const lowAssessment = async (caseId: string) => {
      const draft = (
        await t.http
          .post(`/api/v1/cases/${caseId}/assessments`)
          .set(c82)
          .send({ questionnaireId: 'fr-grille-evaluation-danger' })
      ).body;
      const grid = (await t.http.get('/api/v1/questionnaires/fr-grille-evaluation-danger').set(c82))
        .body.definition;
      const answers = Object.fromEntries(
        grid.items
          .filter((i: { type: string }) => i.type === 'yes_no')
          .map((i: { id: string }) => [i.id, 'no']),
      );
      await t.http.patch(`/api/v1/assessments/${draft.id}`).set(c82).send({ answers });
      const submitted = await t.http.post(`/api/v1/assessments/${draft.id}/submit`).set(c82);
      expect(submitted.status).toBe(200);
      return submitted.body;
    };
    const close = (id: string, body: Record<string, unknown>) =>
      t.http.post(`/api/v1/cases/${id}/close`).set(c82).send(body);

    it('accepts "danger ended" only after two consecutive assessments at the lowest level', async () => {
      const { kase } = await assessedCase(t); // strangulation and threats to kill: not low
      const ended = {
        reasonCode: 'danger_ended_two_low_assessments',
        reason: 'Deux évaluations basses.',
      };
      expect((await close(kase.id, ended)).body.code).toBe('case.closure-not-low');
      await lowAssessment(kase.id);
      const oneLow = await close(kase.id, ended);
      expect(oneLow.status).toBe(409);
      expect(oneLow.body.code).toBe('case.closure-not-low');
      await lowAssessment(kase.id);
      const closed = await close(kase.id, ended);
      expect(closed.status).toBe(200);
      expect(closed.body).toMatchObject({
        status: 'closed',
        closeReasonCode: 'danger_ended_two_low_assessments',
        closeReason: 'Deux évaluations basses.',
      });
    });

    it('wants a reasoned decision argued, and reopens a closed case on a new incident', async () => {
      const created = await open(c82, { victim: victim() });
      const short = await close(created.id, { reasonCode: 'reasoned_decision', reason: 'Fin.' });
      expect(short.status).toBe(400);
      expect(short.body.errors[0].field).toBe('reason');
      const reason =
        'Décision motivée : la victime est hébergée loin de l’auteur, qui est incarcéré.';
      const closed = await close(created.id, { reasonCode: 'reasoned_decision', reason });
      expect(closed.status).toBe(200);
      // Closed cases stay frozen for edits and transfers…
      const patch = await t.http
        .patch(`/api/v1/cases/${created.id}`)
        .set(c82)
        .send({ children: [] });
      expect(patch.body.code).toBe('case.closed');
      // …but a new incident reopens it.
      const incident = await t.http.post(`/api/v1/cases/${created.id}/incidents`).set(c82).send({
        occurredAt: new Date().toISOString(),
        kind: 'violence',
        source: 'police_call_out',
      });
      expect(incident.status).toBe(201);
      expect(incident.body).toMatchObject({
        status: 'open',
        closedAt: null,
        closeReasonCode: null,
        closeReason: null,
      });
      const history = (await t.http.get(`/api/v1/cases/${created.id}/history`).set(c82)).body;
      expect(history.map((e: { kind: string }) => e.kind)).toEqual([
        'closed',
        'incident',
        'reopened',
      ]);
      expect(history[0]).toMatchObject({ reasonCode: 'reasoned_decision', note: reason });
      expect(events).toContainEqual(
        expect.objectContaining({
          type: 'case.incident-recorded',
          caseId: created.id,
          reopened: true,
        }),
      );
    });

    it('still closes with a reason alone, as clients written before the codes do (other)', async () => {
      const created = await open(c82, { victim: victim() });
      const closed = await close(created.id, { reason: 'Suivi terminé.' });
      expect(closed.status).toBe(200);
      expect(closed.body.closeReasonCode).toBe('other');
    });
  });

  describe('transfer to another jurisdiction', () => {
    it('moves the case with its history once the target accepts; the old jurisdiction loses it', async () => {
      const { kase, assessment } = await assessedCase(t, ['strangulation'], { victim: victim() });
      const requested = await t.http
        .post(`/api/v1/cases/${kase.id}/transfer`)
        .set(c82)
        .send({ to: 'FR-71', reason: 'La victime a déménagé à Chalon-sur-Saône.' });
      expect(requested.status).toBe(200);
      expect(requested.body.pendingTransfer).toMatchObject({
        to: 'FR-71',
        requestedBy: 'coordinator@FR-82',
      });
      const again = await t.http
        .post(`/api/v1/cases/${kase.id}/transfer`)
        .set(c82)
        .send({ to: 'FR-71', reason: 'Encore.' });
      expect(again.body.code).toBe('case.transfer-pending');

      // The target sees the request: reference and reason, nothing of the victim.
      const incoming = (await t.http.get('/api/v1/cases/transfers').set(c71)).body;
      const mine = incoming.find((x: { caseId: string }) => x.caseId === kase.id);
      expect(mine).toMatchObject({ reference: kase.reference, from: 'FR-82', to: 'FR-71' });
      expect(JSON.stringify(incoming)).not.toContain(kase.victim.lastName);
      expect((await t.http.get('/api/v1/cases/transfers').set(c82)).body).toEqual([]);
      // …but cannot read the case before accepting; the origin cannot accept.
      expect((await t.http.get(`/api/v1/cases/${kase.id}`).set(c71)).status).toBe(404);
      expect((await t.http.post(`/api/v1/cases/${kase.id}/transfer/accept`).set(c82)).status).toBe(
        403,
      );

      const accepted = await t.http.post(`/api/v1/cases/${kase.id}/transfer/accept`).set(c71);
      expect(accepted.status).toBe(200);
      expect(accepted.body).toMatchObject({
        id: kase.id,
        reference: kase.reference,
        jurisdiction: 'FR-71',
        coordinatorId: 'coord-71',
        pendingTransfer: null,
      });
      expect((await t.http.get(`/api/v1/cases/${kase.id}`).set(c82)).status).toBe(404);
      expect((await t.http.get(`/api/v1/cases/${kase.id}`).set(c71)).status).toBe(200);
      const list82 = (await t.http.get('/api/v1/cases?pageSize=100').set(c82)).body.items;
      expect(list82.map((c: { id: string }) => c.id)).not.toContain(kase.id);
      // Its assessments came with it.
      const assessments = await t.http.get(`/api/v1/cases/${kase.id}/assessments`).set(c71);
      expect(assessments.body.map((a: { id: string }) => a.id)).toContain(assessment.id);
      const history = (await t.http.get(`/api/v1/cases/${kase.id}/history`).set(c71)).body;
      expect(history.map((e: { kind: string }) => e.kind)).toEqual([
        'transfer_requested',
        'transfer_accepted',
      ]);
      expect(events).toContainEqual(
        expect.objectContaining({
          type: 'case.transferred',
          caseId: kase.id,
          from: 'FR-82',
          to: 'FR-71',
        }),
      );
      const audit = await t.db.query(
        `SELECT action, jurisdiction FROM audit_record WHERE entity_id = $1 ORDER BY occurred_at`,
        [kase.id],
      );
      expect(audit).toContainEqual({ action: 'case.create', jurisdiction: 'FR-82' });
      expect(audit).toContainEqual({ action: 'case.transfer.accept', jurisdiction: 'FR-71' });
    });

    it('stays where it is when the target declines, and refuses a case under a TGD', async () => {
      const created = await open(c82, { victim: victim() });
      await t.http
        .post(`/api/v1/cases/${created.id}/transfer`)
        .set(c82)
        .send({ to: 'FR-71', reason: 'Déménagement annoncé.' });
      const declined = await t.http
        .post(`/api/v1/cases/${created.id}/transfer/decline`)
        .set(c71)
        .send({ reason: 'Adresse hors de notre ressort.' });
      expect(declined.status).toBe(200);
      expect(declined.body).toMatchObject({ jurisdiction: 'FR-82', pendingTransfer: null });
      expect(
        (await t.http.post(`/api/v1/cases/${created.id}/transfer/accept`).set(c71)).status,
      ).toBe(404);
      const same = await t.http
        .post(`/api/v1/cases/${created.id}/transfer`)
        .set(c82)
        .send({ to: 'FR-82', reason: 'Même ressort.' });
      expect(same.status).toBe(400);

      const { kase } = await activeAllocation(t);
      const enrolled = await t.http
        .post(`/api/v1/cases/${kase.id}/transfer`)
        .set(c82)
        .send({ to: 'FR-71', reason: 'La victime a déménagé.' });
      expect(enrolled.status).toBe(409);
      expect(enrolled.body.code).toBe('case.transfer-tgd-active');
    });
  });

  describe('consent to share with a named partner', () => {
    it('records, announces and answers the latest entry per recipient', async () => {
      const tgd = { purpose: 'tgd_allocation', given: true, recordedAt: '2026-11-20T10:00:00Z' };
      const created = await open(c82, { victim: { ...victim(), consents: [tgd] } });
      const share = {
        purpose: 'information_sharing',
        given: true,
        recordedAt: '2026-11-21T10:00:00Z',
        recipient: 'cidff-82',
      };
      const given = await t.http
        .patch(`/api/v1/cases/${created.id}`)
        .set(c82)
        .send({ victim: { consents: [share] } });
      expect(given.status).toBe(200);
      const cases = t.app.get(CasesService);
      expect(await cases.sharingConsent(created.id, 'cidff-82')).toEqual({
        given: true,
        recordedAt: '2026-11-21T10:00:00Z',
      });
      expect(await cases.sharingConsent(created.id, 'cpas-liege')).toBeNull();
      await t.http
        .patch(`/api/v1/cases/${created.id}`)
        .set(c82)
        .send({
          victim: { consents: [{ ...share, given: false, recordedAt: '2026-11-23T10:00:00Z' }] },
        });
      expect(await cases.sharingConsent(created.id, 'cidff-82')).toMatchObject({ given: false });
      const announced = events.filter(
        (e) => e.type === 'consent.recorded' && e.caseId === created.id,
      );
      expect(announced).toEqual([
        expect.objectContaining({ purpose: 'tgd_allocation', given: true, recipient: null }),
        expect.objectContaining({
          purpose: 'information_sharing',
          given: true,
          recipient: 'cidff-82',
          jurisdiction: 'FR-82',
        }),
        expect.objectContaining({
          purpose: 'information_sharing',
          given: false,
          recipient: 'cidff-82',
        }),
      ]);
      const wrong = await t.http
        .patch(`/api/v1/cases/${created.id}`)
        .set(c82)
        .send({ victim: { consents: [{ ...share, purpose: 'geolocation' }] } });
      expect(wrong.status).toBe(400);
      expect(wrong.body.errors[0].field).toBe('victim.consents.0.recipient');
    });
  });
});
