import { FieldCipher } from '../src/common/field-cipher';
import { ManualClock } from './support/manual-clock';
import { newCase, startTestApp, TestApp } from './support/test-app';
import { as, assessedCase } from './support/tgd-journey';

describe("children and the author's track (issue #17)", () => {
  let t: TestApp;
  let coordinator: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp();
    coordinator = await as(t, 'coordinator');
  });
  afterAll(() => t.close());

  const TODAY = new Date().toISOString().slice(0, 10);
  const open = async (overrides: Record<string, unknown> = {}) => {
    const res = await t.http
      .post('/api/v1/cases')
      .set(coordinator)
      .send(
        newCase('FR-82', {
          children: [
            {
              firstName: 'Léa',
              age: 7,
              exposed: true,
              victim: false,
              schoolContact: { name: 'École Jean-Jaurès', phone: '+33563000000' },
            },
            { firstName: 'Hugo', age: 12, exposed: true, victim: true },
          ],
          ...overrides,
        }),
      );
    expect(res.status).toBe(201);
    return res.body as {
      id: string;
      version: number;
      children: { id: string; age: number; firstName: string }[];
    };
  };
  const followUp = (caseId: string, childId: string, body: object, headers = coordinator) =>
    t.http.post(`/api/v1/cases/${caseId}/children/${childId}/follow-up`).set(headers).send(body);
  const history = async (caseId: string) =>
    (await t.http.get(`/api/v1/cases/${caseId}/history`).set(coordinator)).body as {
      kind: string;
      childId?: string;
      followUpKind?: string;
      step?: string;
      measureType?: string;
      occurredAt: string;
    }[];

  it('gives each child its own id and keeps the school contact sealed', async () => {
    const kase = await open();
    const [lea, hugo] = kase.children;
    expect(lea.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(hugo.id).not.toBe(lea.id);
    expect(kase.children[0]).toMatchObject({
      schoolContact: { name: 'École Jean-Jaurès', phone: '+33563000000' },
      followUp: [],
    });
    const [row] = await t.db.query(`SELECT * FROM case_file WHERE id = $1`, [kase.id]);
    expect(JSON.stringify(row)).not.toContain('Jean-Jaurès');
    expect(JSON.stringify(row)).not.toContain('Léa');
  });

  it("records a workshop attendance, a psychologist and a children's judge referral, audited and in the history", async () => {
    const kase = await open();
    const lea = kase.children[0];
    const attended = await followUp(kase.id, lea.id, { kind: 'workshop', attendedOn: TODAY });
    expect(attended.status).toBe(201);
    expect(attended.body).toMatchObject({
      id: lea.id,
      age: 7,
      followUp: [{ kind: 'workshop', workshop: 'la_cabane', attendedOn: TODAY }],
    });
    expect(attended.body.followUp[0].recordedBy).toBe('coordinator@FR-82');

    expect(
      (
        await followUp(kase.id, lea.id, {
          kind: 'psychologist',
          partnerId: 'psy-enfance-82',
          firstAppointmentOn: '2026-12-02',
        })
      ).status,
    ).toBe(201);
    const judge = await followUp(kase.id, lea.id, {
      kind: 'childrens_judge',
      referredOn: TODAY,
      referredBy: 'Parquet des mineurs de Montauban',
      reference: 'TPE 26/0123',
      note: 'Saisine pour mesure éducative',
    });
    expect(judge.status).toBe(201);
    expect(judge.body.followUp.map((f: { kind: string }) => f.kind)).toEqual([
      'workshop',
      'psychologist',
      'childrens_judge',
    ]);
    expect(judge.body.followUp[1]).toMatchObject({ ongoing: true, partnerId: 'psy-enfance-82' });

    const read = await t.http
      .get(`/api/v1/cases/${kase.id}/children/${lea.id}/follow-up`)
      .set(await as(t, 'prosecutor'));
    expect(read.status).toBe(200);
    expect(read.body).toEqual(judge.body);
    // The case shows the same child with its follow-up.
    const file = (await t.http.get(`/api/v1/cases/${kase.id}`).set(coordinator)).body;
    expect(file.children[0]).toEqual(judge.body);

    expect(
      (await history(kase.id))
        .filter((e) => e.kind === 'child_follow_up')
        .map((e) => [e.childId, e.followUpKind]),
    ).toEqual([
      [lea.id, 'workshop'],
      [lea.id, 'psychologist'],
      [lea.id, 'childrens_judge'],
    ]);
    const audited = await t.db.query(
      `SELECT action, detail FROM audit_record WHERE entity_id = $1 AND action LIKE 'case.child%' ORDER BY id`,
      [kase.id],
    );
    expect(audited.map((a: { action: string }) => a.action)).toEqual([
      'case.child.follow-up',
      'case.child.follow-up',
      'case.child.follow-up',
      'case.child.read',
    ]);
    // Sealed at rest: neither the reference nor the note is readable in the row or the history.
    const rows = await t.db.query(
      `SELECT c.children_sealed, e.detail::text, e.note_sealed FROM case_file c LEFT JOIN case_event e ON e.case_id = c.id WHERE c.id = $1`,
      [kase.id],
    );
    expect(JSON.stringify(rows)).not.toContain('TPE 26/0123');
    expect(JSON.stringify(rows)).not.toContain('mesure éducative');
  });

  it('refuses La cabane to a child outside 5–10 years, saying the age and the range', async () => {
    const kase = await open();
    const hugo = kase.children[1];
    const res = await followUp(kase.id, hugo.id, { kind: 'workshop', attendedOn: TODAY });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('case.child-workshop-age');
    expect(res.body.detail).toBe('The child is 12: La cabane takes children aged 5 to 10.');
    const read = await t.http
      .get(`/api/v1/cases/${kase.id}/children/${hugo.id}/follow-up`)
      .set(coordinator);
    expect(read.body.followUp).toEqual([]);
  });

  it('asks each kind for its fields, and refuses an attendance in the future', async () => {
    const kase = await open();
    const lea = kase.children[0];
    const missing = await followUp(kase.id, lea.id, { kind: 'psychologist' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'partnerId',
      'firstAppointmentOn',
    ]);
    const future = await followUp(kase.id, lea.id, { kind: 'workshop', attendedOn: '2099-01-06' });
    expect(future.status).toBe(400);
    expect(future.body.errors[0]).toMatchObject({
      field: 'attendedOn',
      message: 'is in the future',
    });
  });

  it('scopes the follow-up: unknown child, other jurisdiction, prosecutor read-only, closed case', async () => {
    const kase = await open();
    const lea = kase.children[0];
    const other = await open();
    expect(
      (await followUp(kase.id, other.children[0].id, { kind: 'workshop', attendedOn: TODAY }))
        .status,
    ).toBe(404);
    const elsewhere = await as(t, 'coordinator', ['FR-71']);
    expect(
      (await t.http.get(`/api/v1/cases/${kase.id}/children/${lea.id}/follow-up`).set(elsewhere))
        .status,
    ).toBe(404);
    expect(
      (
        await followUp(
          kase.id,
          lea.id,
          { kind: 'workshop', attendedOn: TODAY },
          await as(t, 'prosecutor'),
        )
      ).status,
    ).toBe(403);
    await t.http
      .post(`/api/v1/cases/${kase.id}/close`)
      .set(coordinator)
      .send({ reasonCode: 'victim_request', reason: 'À la demande de la victime.' });
    const closed = await followUp(kase.id, lea.id, { kind: 'workshop', attendedOn: TODAY });
    expect(closed.status).toBe(409);
    expect(closed.body.code).toBe('case.closed');
  });

  it('never loses a child: a PATCH keeps children given with their id, refuses to drop one with a follow-up', async () => {
    const kase = await open();
    const [lea, hugo] = kase.children;
    await followUp(kase.id, lea.id, { kind: 'workshop', attendedOn: TODAY });
    const dropped = await t.http
      .patch(`/api/v1/cases/${kase.id}`)
      .set(coordinator)
      .send({ children: [{ age: 8, exposed: true, victim: false }] });
    expect(dropped.status).toBe(409);
    expect(dropped.body.code).toBe('case.child-has-follow-up');
    expect(dropped.body.detail).toContain(lea.id);

    const unknown = await t.http
      .patch(`/api/v1/cases/${kase.id}`)
      .set(coordinator)
      .send({
        children: [{ id: hugo.id.replace(/^./, 'f'), age: 8, exposed: true, victim: false }],
      });
    expect(unknown.status).toBe(400);

    // Hugo (no follow-up) may go; Léa, given with her id, keeps hers; a newborn gets a new id.
    const kept = await t.http
      .patch(`/api/v1/cases/${kase.id}`)
      .set(coordinator)
      .send({
        children: [
          { id: lea.id, firstName: 'Léa', age: 8, exposed: true, victim: false },
          { firstName: 'Noé', age: 0, exposed: true, victim: false },
        ],
      });
    expect(kept.status).toBe(200);
    expect(kept.body.children[0]).toMatchObject({
      id: lea.id,
      age: 8,
      followUp: [{ kind: 'workshop' }],
    });
    expect(kept.body.children[1].id).toMatch(/^[0-9a-f-]{36}$/);
    expect([lea.id, hugo.id]).not.toContain(kept.body.children[1].id);
    // A client may not write the follow-up through the case.
    const smuggled = await t.http
      .patch(`/api/v1/cases/${kase.id}`)
      .set(coordinator)
      .send({ children: [{ id: lea.id, age: 8, exposed: true, victim: false, followUp: [] }] });
    expect(smuggled.status).toBe(400);
  });

  it('gives children recorded before issue #17 a stable id when read, stored at the next write', async () => {
    const kase = await open();
    const cipher = t.app.get(FieldCipher);
    const legacy = [
      { firstName: 'Inès', age: 6, exposed: true, victim: false },
      { age: 2, exposed: true, victim: false },
    ];
    await t.db.query(`UPDATE case_file SET children_sealed = $2 WHERE id = $1`, [
      kase.id,
      cipher.seal(legacy, `${kase.id}:children`),
    ]);
    const first = (await t.http.get(`/api/v1/cases/${kase.id}`).set(coordinator)).body;
    const again = (await t.http.get(`/api/v1/cases/${kase.id}`).set(coordinator)).body;
    expect(first.children).toHaveLength(2);
    expect(first.children.map((c: { id: string }) => c.id)).toEqual(
      again.children.map((c: { id: string }) => c.id),
    );
    expect(first.children[0]).toMatchObject({ firstName: 'Inès', age: 6, followUp: [] });
    const ines = first.children[0].id;
    expect((await followUp(kase.id, ines, { kind: 'workshop', attendedOn: TODAY })).status).toBe(
      201,
    );
    const [row] = await t.db.query(`SELECT children_sealed FROM case_file WHERE id = $1`, [
      kase.id,
    ]);
    const stored = cipher.open<{ id?: string }[]>(row.children_sealed, `${kase.id}:children`);
    expect(stored.map((c) => c.id)).toEqual(first.children.map((c: { id: string }) => c.id));
  });

  it("records the author's track: the authors' cell offered then taken up, a course, a BAR, in the history", async () => {
    const kase = await open();
    const patch = (author: object) =>
      t.http.patch(`/api/v1/cases/${kase.id}`).set(coordinator).send({ author });
    const offered = await patch({
      authorsCell: { partnerId: 'cellule-auteurs-82', offeredOn: '2026-11-20' },
    });
    expect(offered.status).toBe(200);
    const early = await patch({
      authorsCell: {
        partnerId: 'cellule-auteurs-82',
        offeredOn: '2026-11-20',
        takenUpOn: '2026-11-19',
      },
    });
    expect(early.status).toBe(400);
    expect(early.body.errors[0].field).toBe('author.authorsCell.takenUpOn');
    const taken = await patch({
      authorsCell: {
        partnerId: 'cellule-auteurs-82',
        offeredOn: '2026-11-20',
        takenUpOn: '2026-11-24',
      },
      responsibilityCourse: { orderedOn: '2026-11-21' },
      judicialMeasures: [
        { type: 'contact_ban', issuedAt: '2026-11-18' },
        { type: 'anti_approach_bracelet', issuedAt: '2026-11-22', expiresAt: '2027-05-22' },
      ],
    });
    expect(taken.status).toBe(200);
    expect(taken.body.author).toMatchObject({
      authorsCell: { offeredOn: '2026-11-20', takenUpOn: '2026-11-24' },
      responsibilityCourse: { orderedOn: '2026-11-21' },
    });
    const track = (await history(kase.id)).filter((e) => e.kind === 'author_track');
    expect(track.map((e) => [e.step, e.occurredAt.slice(0, 10), e.measureType])).toEqual([
      ['authors_cell_offered', '2026-11-20', undefined],
      ['authors_cell_taken_up', '2026-11-24', undefined],
      ['responsibility_course_ordered', '2026-11-21', undefined],
      ['measure_recorded', '2026-11-22', 'anti_approach_bracelet'],
    ]);
  });

  // Brief §3: the condition is "the author is under a judicial ban on contacting the victim"; a
  // BAR is ordered by a judge with a ban on approaching her (C. civ. 515-11-1, C. pén. 132-45-1),
  // so one in force meets it. An expired one does not.
  it('counts a BAR in force for the TGD condition "contact ban or imminent danger" and the rules', async () => {
    const author = (judicialMeasures: object[]) => ({
      author: { lastName: 'Martin', livesWithVictim: false, judicialMeasures },
    });
    const inForce = await assessedCase(
      t,
      [],
      author([{ type: 'anti_approach_bracelet', issuedAt: '2026-01-10' }]),
    );
    const expired = await assessedCase(
      t,
      [],
      author([{ type: 'anti_approach_bracelet', issuedAt: '2025-01-10', expiresAt: '2025-07-10' }]),
    );
    const conditionOf = async (assessmentId: string) => {
      const res = await t.http
        .get(`/api/v1/assessments/${assessmentId}/recommendation`)
        .set(await as(t, 'prosecutor'));
      expect(res.status).toBe(200);
      return res.body.tgdConditions.find(
        (c: { id: string }) => c.id === 'contact_ban_or_imminent_danger',
      );
    };
    expect(await conditionOf(inForce.assessment.id)).toMatchObject({
      status: 'met',
      detail: 'Judicial ban on contact in force: anti_approach_bracelet.',
    });
    // The lowest level: no imminent danger to fall back on, so only the measure could meet it.
    expect((await conditionOf(expired.assessment.id)).status).toBe('not_met');

    // The TGD request reads the same measures.
    const request = await t.http
      .post(`/api/v1/cases/${inForce.kase.id}/tgd-requests`)
      .set(coordinator)
      .send({ assessmentId: inForce.assessment.id });
    expect(request.status).toBe(201);
    const queued = await t.http
      .get(`/api/v1/tgd-requests/${request.body.id}`)
      .set(await as(t, 'prosecutor'));
    expect(queued.body.contactBansInForce).toEqual(['anti_approach_bracelet']);
  });

  it('feeds the recommendation rules: a BAR in force is neither proposed again nor a missing ban', async () => {
    const author = (judicialMeasures: object[]) => ({
      author: { lastName: 'Martin', livesWithVictim: false, judicialMeasures },
    });
    const grave = ['strangulation', 'menaces_de_mort', 'armes_a_feu'];
    const measuresOf = async (assessmentId: string) =>
      (
        await t.http
          .get(`/api/v1/assessments/${assessmentId}/recommendation`)
          .set(await as(t, 'prosecutor'))
      ).body.measures.map((m: { measure: string }) => m.measure) as string[];
    const withBar = await assessedCase(
      t,
      grave,
      author([{ type: 'anti_approach_bracelet', issuedAt: '2026-01-10' }]),
    );
    const expiredBar = await assessedCase(
      t,
      grave,
      author([{ type: 'anti_approach_bracelet', issuedAt: '2025-01-10', expiresAt: '2025-07-10' }]),
    );
    const inForce = await measuresOf(withBar.assessment.id);
    expect(inForce).not.toContain('anti_approach_bracelet');
    expect(inForce).not.toContain('contact_ban');
    expect(inForce).toContain('tgd_allocation');
    const expired = await measuresOf(expiredBar.assessment.id);
    expect(expired).toContain('anti_approach_bracelet');
    expect(expired).toContain('contact_ban');
  });
});

describe("a child's age grows with the case (issue #17)", () => {
  const clock = new ManualClock(new Date('2026-03-01T10:00:00Z'));
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ clock });
  });
  afterAll(() => t.close());

  it('reads the age as of today, keeps the day it was given through a PATCH, and checks a workshop against the age that day', async () => {
    const coordinator = await as(t, 'coordinator');
    const created = await t.http
      .post('/api/v1/cases')
      .set(coordinator)
      .send(
        newCase('FR-82', {
          children: [{ firstName: 'Léa', age: 4, exposed: true, victim: false }],
        }),
      );
    expect(created.status).toBe(201);
    expect(created.body.children[0]).toMatchObject({ age: 4, ageGivenOn: '2026-03-01' });
    const childId = created.body.children[0].id as string;
    // At 4, La cabane (5–10) is refused.
    const refused = await t.http
      .post(`/api/v1/cases/${created.body.id}/children/${childId}/follow-up`)
      .set(coordinator)
      .send({ kind: 'workshop', attendedOn: '2026-03-01' });
    expect(refused.status).toBe(409);

    clock.set(new Date('2027-03-02T10:00:00Z'));
    const read = await t.http.get(`/api/v1/cases/${created.body.id}`).set(coordinator);
    expect(read.body.children[0]).toMatchObject({ age: 5, ageGivenOn: '2026-03-01' });
    // The child sent back as read (its follow-up is never written through the case): the age
    // keeps the day it was given, so it does not age twice.
    const { followUp: _kept, ...asRead } = read.body.children[0];
    const patched = await t.http
      .patch(`/api/v1/cases/${created.body.id}`)
      .set(coordinator)
      .send({ children: [asRead] });
    expect(patched.status).toBe(200);
    expect(patched.body.children[0]).toMatchObject({ age: 5, ageGivenOn: '2026-03-01' });
    // A year on she is 5: the first Wednesday of March 2027 is within La cabane's range.
    const attended = await t.http
      .post(`/api/v1/cases/${created.body.id}/children/${childId}/follow-up`)
      .set(coordinator)
      .send({ kind: 'workshop', attendedOn: '2027-03-02' });
    expect(attended.status).toBe(201);
  });
});
