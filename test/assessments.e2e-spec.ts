import { newCase, startTestApp, TestApp } from './support/test-app';

const GRID = 'fr-grille-evaluation-danger';

describe('danger assessments', () => {
  let t: TestApp;
  let coordinator: { Authorization: string };
  let prosecutor: { Authorization: string };
  let grid: { items: Array<{ id: string; type: string; red?: boolean; mandatory?: boolean }> };

  beforeAll(async () => {
    t = await startTestApp();
    coordinator = { Authorization: `Bearer ${await t.token('coordinator', ['FR-82'])}` };
    prosecutor = { Authorization: `Bearer ${await t.token('prosecutor', ['FR-82'])}` };
    grid = (await t.http.get(`/api/v1/questionnaires/${GRID}`).set(coordinator)).body.definition;
  });
  afterAll(() => t.close());

  const openCase = async () =>
    (await t.http.post('/api/v1/cases').set(coordinator).send(newCase())).body.id as string;
  const draft = async (caseId: string, body: object = { questionnaireId: GRID }) =>
    t.http.post(`/api/v1/cases/${caseId}/assessments`).set(coordinator).send(body);
  /** Every yes/no item answered "no", except those given. */
  const answers = (yes: string[] = [], extra: Record<string, unknown> = {}) => ({
    ...Object.fromEntries(
      grid.items
        .filter((i) => i.type === 'yes_no')
        .map((i) => [i.id, yes.includes(i.id) ? 'yes' : 'no']),
    ),
    ...extra,
  });
  const assessed = async (caseId: string, yes: string[]) => {
    const { body } = await draft(caseId);
    await t.http
      .patch(`/api/v1/assessments/${body.id}`)
      .set(coordinator)
      .send({ answers: answers(yes) });
    const submitted = await t.http.post(`/api/v1/assessments/${body.id}/submit`).set(coordinator);
    expect(submitted.status).toBe(200);
    return submitted.body;
  };

  it('lists the questionnaires on file with their version and hash', async () => {
    const res = await t.http.get('/api/v1/questionnaires').set(prosecutor);
    expect(res.status).toBe(200);
    expect(res.body.map((q: { id: string }) => q.id)).toEqual(['evivico-style', GRID]);
    for (const q of res.body) {
      expect(q.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(q.levels.length).toBeGreaterThanOrEqual(4);
    }
    expect((await t.http.get('/api/v1/questionnaires/nope').set(prosecutor)).status).toBe(404);
  });

  it('takes a draft through partial saves to a submitted, explained result', async () => {
    const caseId = await openCase();
    const created = await draft(caseId);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      caseId,
      status: 'draft',
      language: 'fr',
      answers: {},
      result: null,
    });
    expect(created.body.questionnaire).toMatchObject({
      id: GRID,
      version: '2019.1',
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const id = created.body.id;

    const first = await t.http
      .patch(`/api/v1/assessments/${id}`)
      .set(coordinator)
      .send({
        answers: { menaces_de_mort: 'yes', contact_sur: 'Portable de sa sœur, après 18 h' },
      });
    expect(first.status).toBe(200);
    expect(first.body.answers).toEqual({
      menaces_de_mort: 'yes',
      contact_sur: 'Portable de sa sœur, après 18 h',
    });

    const incomplete = await t.http.post(`/api/v1/assessments/${id}/submit`).set(coordinator);
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.errors.map((e: { field: string }) => e.field)).toContain(
      'answers.strangulation',
    );

    await t.http
      .patch(`/api/v1/assessments/${id}`)
      .set(coordinator)
      .send({
        answers: answers(['menaces_de_mort', 'armes_a_feu', 'projet_separation_connu'], {
          contact_sur: null,
        }),
      });
    const submitted = await t.http.post(`/api/v1/assessments/${id}/submit`).set(coordinator);
    expect(submitted.status).toBe(200);
    const { body } = submitted;
    expect(body).toMatchObject({
      status: 'submitted',
      computedLevel: 'grave',
      level: 'grave',
      levelLabel: 'Danger grave et imminent',
    });
    expect(body.answers.contact_sur).toBeUndefined();
    expect(body.result).toMatchObject({
      score: 3,
      level: 'grave',
      questionnaire: created.body.questionnaire,
      unknown: { count: 0, incomplete: false },
    });
    expect(body.result.redFlags.map((f: { flag: string }) => f.flag).sort()).toEqual([
      'firearm',
      'separation',
      'threat_to_kill',
    ]);
    const rules = body.result.firedRules.map((r: { rule: string }) => r.rule);
    expect(rules).toEqual(
      expect.arrayContaining([
        'menaces-de-mort-et-arme',
        'trois-questions-rouges',
        'weight-armes_a_feu',
      ]),
    );
    for (const fired of body.result.firedRules) expect(fired.reason).toMatch(/\w{3,}/);
    expect(body.trend).toBeNull();
  });

  it('refuses answers outside an item, naming the field, and writes nothing', async () => {
    const { body } = await draft(await openCase());
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ menaces_de_mort: 'maybe' }, 'answers.menaces_de_mort'],
      [{ nobody: 'yes' }, 'answers.nobody'],
      [{ contact_sur: 'x'.repeat(501) }, 'answers.contact_sur'],
      [{ blessee: 1 }, 'answers.blessee'],
    ];
    for (const [given, field] of cases) {
      const res = await t.http
        .patch(`/api/v1/assessments/${body.id}`)
        .set(coordinator)
        .send({ answers: given });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field })]);
    }
    const bad = await t.http
      .patch(`/api/v1/assessments/${body.id}`)
      .set(coordinator)
      .send({ answers: 'yes' });
    expect(bad.status).toBe(400);
    expect(
      (await t.http.get(`/api/v1/assessments/${body.id}`).set(coordinator)).body.answers,
    ).toEqual({});
  });

  it('refuses a draft on an unknown questionnaire or in a language it is not written in', async () => {
    const caseId = await openCase();
    expect((await draft(caseId, { questionnaireId: 'no-such-grid' })).body.errors[0].field).toBe(
      'questionnaireId',
    );
    expect(
      (await draft(caseId, { questionnaireId: GRID, version: '1999.1' })).body.errors[0].field,
    ).toBe('version');
    expect(
      (await draft(caseId, { questionnaireId: GRID, language: 'nl' })).body.errors[0].field,
    ).toBe('language');
    const dutch = await draft(caseId, { questionnaireId: 'evivico-style', language: 'nl' });
    expect(dutch.status).toBe(201);
  });

  it('freezes a submitted assessment, in the service and in the database', async () => {
    const submitted = await assessed(await openCase(), ['isolee']);
    const patch = await t.http
      .patch(`/api/v1/assessments/${submitted.id}`)
      .set(coordinator)
      .send({ answers: { blessee: 'yes' } });
    expect(patch.status).toBe(409);
    expect(
      (await t.http.post(`/api/v1/assessments/${submitted.id}/submit`).set(coordinator)).status,
    ).toBe(409);
    await expect(
      t.db.query(`UPDATE assessment SET computed_level = 'faible', score = 0 WHERE id = $1`, [
        submitted.id,
      ]),
    ).rejects.toThrow(/frozen/);
    await expect(
      t.db.query(`DELETE FROM assessment WHERE id = $1`, [submitted.id]),
    ).rejects.toThrow(/frozen/);
  });

  it('records professional judgement beside the computed level, upward only for the French grid', async () => {
    const submitted = await assessed(await openCase(), ['alcool_drogues', 'isolee']);
    expect(submitted.computedLevel).toBe('faible');
    const url = `/api/v1/assessments/${submitted.id}/override`;
    const justification =
      'Victime terrorisée, auteur en fuite depuis hier soir, enfants menacés par téléphone.';

    const short = await t.http
      .post(url)
      .set(coordinator)
      .send({ level: 'caracterise', justification: 'Trop court' });
    expect(short.status).toBe(400);
    expect(short.body.errors[0].field).toBe('justification');
    const unknown = await t.http
      .post(url)
      .set(coordinator)
      .send({ level: 'apocalyptique', justification });
    expect(unknown.body.errors[0].field).toBe('level');
    expect(
      (await t.http.post(url).set(prosecutor).send({ level: 'grave', justification })).status,
    ).toBe(403);

    const raised = await t.http
      .post(url)
      .set(coordinator)
      .send({ level: 'caracterise', justification });
    expect(raised.status).toBe(200);
    expect(raised.body).toMatchObject({
      computedLevel: 'faible',
      level: 'caracterise',
      override: { level: 'caracterise', justification, by: 'coordinator@FR-82' },
    });
    expect(raised.body.result.level).toBe('faible');
    expect(
      (await t.http.post(url).set(coordinator).send({ level: 'grave', justification })).status,
    ).toBe(409);

    const high = await assessed(await openCase(), ['strangulation']);
    const lowered = await t.http
      .post(`/api/v1/assessments/${high.id}/override`)
      .set(coordinator)
      .send({ level: 'faible', justification });
    expect(lowered.status).toBe(400);
    expect(lowered.body.errors[0]).toMatchObject({
      field: 'level',
      message: expect.stringMatching(/only raise/),
    });
  });

  it('shows the trend of a re-assessment and links the one it supersedes', async () => {
    const caseId = await openCase();
    const first = await assessed(caseId, ['isolee']);
    const second = await assessed(caseId, ['strangulation', 'frequence_en_hausse']);
    expect(second.trend).toMatchObject({
      previousAssessmentId: first.id,
      previousLevel: 'faible',
      direction: 'up',
      sameInstrument: true,
      newRedFlags: expect.arrayContaining(['strangulation', 'escalation']),
      resolvedRedFlags: [],
    });
    const third = await assessed(caseId, ['isolee']);
    expect(third.trend).toMatchObject({
      direction: 'down',
      resolvedRedFlags: expect.arrayContaining(['strangulation']),
    });

    const history = await t.http.get(`/api/v1/cases/${caseId}/assessments`).set(prosecutor);
    expect(history.status).toBe(200);
    expect(history.body.map((a: { id: string }) => a.id)).toEqual([third.id, second.id, first.id]);
    expect(history.body.map((a: { supersededBy: string | null }) => a.supersededBy)).toEqual([
      null,
      third.id,
      second.id,
    ]);
  });

  it('keeps assessments within the jurisdiction, and audits every access', async () => {
    const caseId = await openCase();
    const submitted = await assessed(caseId, []);
    const outsider = { Authorization: `Bearer ${await t.token('coordinator', ['FR-71'])}` };
    expect((await t.http.get(`/api/v1/assessments/${submitted.id}`).set(outsider)).status).toBe(
      404,
    );
    expect((await t.http.get(`/api/v1/cases/${caseId}/assessments`).set(outsider)).status).toBe(
      404,
    );
    expect(
      (
        await t.http
          .post(`/api/v1/cases/${caseId}/assessments`)
          .set(outsider)
          .send({ questionnaireId: GRID })
      ).status,
    ).toBe(404);
    expect((await t.http.get(`/api/v1/assessments/${submitted.id}`).set(prosecutor)).status).toBe(
      200,
    );

    const admin = { Authorization: `Bearer ${await t.token('admin', ['*'])}` };
    const audit = await t.http
      .get(`/api/v1/audit?entityId=${submitted.id}&pageSize=100`)
      .set(admin);
    expect(
      audit.body.items
        .map((r: { action: string; outcome: string }) => `${r.action}:${r.outcome}`)
        .sort(),
    ).toEqual([
      'assessment.create:success',
      'assessment.read:denied',
      'assessment.read:success',
      'assessment.submit:success',
      'assessment.update:success',
    ]);
  });

  it('stores answers and results sealed', async () => {
    const caseId = await openCase();
    const { body } = await draft(caseId);
    await t.http
      .patch(`/api/v1/assessments/${body.id}`)
      .set(coordinator)
      .send({ answers: { contact_sur: 'Chez Mme Durand' } });
    const [row] = await t.db.query(`SELECT * FROM assessment WHERE id = $1`, [body.id]);
    expect(JSON.stringify(row)).not.toContain('Durand');
  });

  it('refuses a new assessment on a closed case', async () => {
    const caseId = await openCase();
    await t.http
      .post(`/api/v1/cases/${caseId}/close`)
      .set(coordinator)
      .send({ reason: 'Situation résolue' });
    expect((await draft(caseId)).status).toBe(409);
  });
});
