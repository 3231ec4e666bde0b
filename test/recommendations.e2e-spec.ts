import { writeFileSync } from 'node:fs';

import { readPdf } from './support/pdf';
import { startTestApp, TestApp } from './support/test-app';
import { as, assessedCase } from './support/tgd-journey';

describe('recommendations to the prosecutor and the printable report', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const recommendationOf = async (
    assessmentId: string,
    role: 'coordinator' | 'prosecutor' = 'prosecutor',
  ) => t.http.get(`/api/v1/assessments/${assessmentId}/recommendation`).set(await as(t, role));
  const measureIds = (body: { measures: Array<{ measure: string }> }) =>
    body.measures.map((m) => m.measure);

  it('recommends the TGD with every legal condition met, and the measures the situation calls for', async () => {
    const { kase, assessment } = await assessedCase(t, [
      'menaces_de_mort',
      'armes_a_feu',
      'projet_separation_connu',
    ]);
    const res = await recommendationOf(assessment.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      assessmentId: assessment.id,
      caseId: kase.id,
      caseReference: kase.reference,
      level: 'grave',
      computedLevel: 'grave',
      overridden: false,
    });
    expect(res.body.redFlags.sort()).toEqual(['firearm', 'separation', 'threat_to_kill']);
    expect(measureIds(res.body)).toEqual(
      expect.arrayContaining([
        'tgd_allocation',
        'anti_approach_bracelet',
        'weapons_surrender',
        'child_psychological_care',
        'victim_support_referral',
      ]),
    );
    // The case already has a contact ban in force: no new one is recommended.
    expect(measureIds(res.body)).not.toContain('contact_ban');
    const tgd = res.body.measures.find((m: { measure: string }) => m.measure === 'tgd_allocation');
    expect(tgd.legalBasis).toMatch(/41-3-1/);
    expect(tgd.reasons.map((r: { rule: string }) => r.rule)).toEqual([
      'tgd-danger-grave',
      'tgd-menaces-de-mort',
    ]);
    expect(tgd.legalConditionsMet).toBe(true);
    expect(tgd.legalConditions.map((c: { status: string }) => c.status)).toEqual([
      'met',
      'met',
      'met',
      'met',
    ]);
    expect(res.body.rules[0]).toMatchObject({
      id: 'mesures-parquet-fr',
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('lists the TGD conditions that are not met instead of hiding them', async () => {
    const { assessment } = await assessedCase(
      t,
      ['strangulation', 'menaces_de_mort', 'frequence_en_hausse'],
      {
        victim: { lastName: 'Durand' },
        author: { lastName: 'Durand', livesWithVictim: true },
        children: [],
      },
    );
    const { body } = await recommendationOf(assessment.id, 'coordinator');
    const tgd = body.measures.find((m: { measure: string }) => m.measure === 'tgd_allocation');
    expect(tgd.legalConditionsMet).toBe(false);
    expect(tgd.legalConditions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: 'consent',
          status: 'unknown',
          detail: expect.stringMatching(/not recorded/),
        }),
        expect.objectContaining({
          id: 'no_cohabitation',
          status: 'not_met',
          detail: expect.stringMatching(/lives with/),
        }),
      ]),
    );
    expect(measureIds(body)).toEqual(
      expect.arrayContaining(['eviction_of_author', 'emergency_housing', 'contact_ban']),
    );
    expect(measureIds(body)).not.toContain('child_psychological_care');
  });

  it('follows the level in force when the coordinator raised it', async () => {
    const { assessment } = await assessedCase(t, ['isolee']);
    expect(measureIds((await recommendationOf(assessment.id)).body)).not.toContain(
      'tgd_allocation',
    );
    await t.http
      .post(`/api/v1/assessments/${assessment.id}/override`)
      .set(await as(t, 'coordinator'))
      .send({
        level: 'caracterise',
        justification: 'Auteur en fuite, menaces rapportées par la sœur de la victime.',
      });
    const { body } = await recommendationOf(assessment.id);
    expect(body).toMatchObject({ level: 'caracterise', computedLevel: 'faible', overridden: true });
    expect(measureIds(body)).toContain('tgd_allocation');
  });

  it('prints a report the prosecutor can read: level, red flags, weights, measures, history', async () => {
    const { kase, assessment: first } = await assessedCase(t, ['isolee', 'alcool_drogues']);
    const coordinator = await as(t, 'coordinator');
    const grid = 'fr-grille-evaluation-danger';
    const draft = (
      await t.http
        .post(`/api/v1/cases/${kase.id}/assessments`)
        .set(coordinator)
        .send({ questionnaireId: grid })
    ).body;
    const yes = ['strangulation', 'menaces_de_mort', 'isolee'];
    const items = (await t.http.get(`/api/v1/questionnaires/${grid}`).set(coordinator)).body
      .definition.items;
    await t.http
      .patch(`/api/v1/assessments/${draft.id}`)
      .set(coordinator)
      .send({
        answers: Object.fromEntries(
          items
            .filter((i: { type: string }) => i.type === 'yes_no')
            .map((i: { id: string }) => [i.id, yes.includes(i.id) ? 'yes' : 'no']),
        ),
      });
    await t.http.post(`/api/v1/assessments/${draft.id}/submit`).set(coordinator);
    await t.http.post(`/api/v1/assessments/${draft.id}/override`).set(coordinator).send({
      level: 'grave',
      justification: 'Menaces de mort réitérées hier devant témoins, auteur introuvable.',
    });

    const res = await t.http
      .get(`/api/v1/assessments/${draft.id}/report.pdf`)
      .set(await as(t, 'prosecutor'))
      .buffer(true)
      .parse((response, callback) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => callback(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    if (process.env.REPORT_ARTIFACT) writeFileSync(process.env.REPORT_ARTIFACT, pdf);

    const { pages, text, info } = readPdf(pdf);
    const all = text.join('\n');
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(info.Title).toContain(kase.reference);
    for (const expected of [
      kase.reference,
      'Danger grave et imminent', // level in force (override)
      'Danger caractérisé', // computed level, beside it
      'Menaces de mort réitérées hier', // the override's justification
      'Tentative de strangulation', // red flags
      'Menaces de mort',
      'Poids des facteurs', // the chart
      'Oui — A-t-il déjà tenté de vous étrangler',
      'Attribution d',
      'Code de procédure pénale, art. 41-3-1', // legal basis
      'Conditions légales du TGD',
      'Évaluations précédentes', // history
      'Danger faible',
      'Camille Martin',
    ]) {
      expect(all).toContain(expected);
    }
    expect(first.id).toBeDefined();
  });

  it('refuses a draft, a case outside the jurisdiction, and roles without access', async () => {
    const { kase } = await assessedCase(t, []);
    const coordinator = await as(t, 'coordinator');
    const draft = (
      await t.http
        .post(`/api/v1/cases/${kase.id}/assessments`)
        .set(coordinator)
        .send({ questionnaireId: 'evivico-style' })
    ).body;
    expect((await recommendationOf(draft.id)).status).toBe(409);
    const { assessment } = await assessedCase(t, ['strangulation']);
    const outsider = await as(t, 'prosecutor', ['FR-71']);
    expect(
      (await t.http.get(`/api/v1/assessments/${assessment.id}/recommendation`).set(outsider))
        .status,
    ).toBe(404);
    expect(
      (await t.http.get(`/api/v1/assessments/${assessment.id}/report.pdf`).set(outsider)).status,
    ).toBe(404);
    expect(
      (
        await t.http
          .get(`/api/v1/assessments/${assessment.id}/report.pdf`)
          .set(await as(t, 'operator'))
      ).status,
    ).toBe(403);
  });
});
