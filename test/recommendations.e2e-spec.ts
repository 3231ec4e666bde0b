import { writeFileSync } from 'node:fs';

import { signDevToken } from '../src/auth/token-verifier';
import { overprints, readPdf } from './support/pdf';
import {
  itWithPoppler,
  overlappingWords,
  pageImages,
  pdftotextPages,
  wordBoxes,
} from './support/poppler';
import { screenshotPath } from './support/screenshots';
import { newCase, startTestApp, TestApp } from './support/test-app';
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

  /** A PDF answer, read as a buffer. */
  const getPdf = async (url: string, headers: Record<string, string>) =>
    t.http
      .get(url)
      .set(headers)
      .buffer(true)
      .parse((response, callback) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => callback(null, Buffer.concat(chunks)));
      });

  /** A coordinator of FR-82 whose token carries a name (the `name` claim). */
  const namedCoordinator = async () => ({
    Authorization: `Bearer ${await signDevToken(t.config, {
      roles: ['coordinator'],
      jurisdictions: ['FR-82'],
      subject: 'coordinator@FR-82',
      name: 'Sophie Durand',
    })}`,
  });

  /** A case opened by the named coordinator, with a fully described author and two children. */
  const describedCase = async () => {
    const res = await t.http
      .post('/api/v1/cases')
      .set(await namedCoordinator())
      .send(
        newCase('FR-82', {
          author: {
            firstName: 'Julien',
            lastName: 'Moreau',
            address: {
              line1: '8 impasse des Peupliers',
              postalCode: '82000',
              city: 'Montauban',
              country: 'FR',
            },
            livesWithVictim: false,
            knownWeapons: ['firearm_undeclared', 'knife'],
            judicialMeasures: [
              {
                type: 'contact_ban',
                issuedAt: '2026-11-18',
                reference: 'Parquet de Montauban 26/045/123',
              },
              { type: 'judicial_supervision', issuedAt: '2026-01-05', expiresAt: '2026-03-05' },
            ],
            description:
              'Environ 1,85 m, cheveux bruns, cicatrice à la main gauche ; conduit une Clio grise immatriculée en Tarn-et-Garonne ; fréquente le bar du Centre le soir ; chasseur, a dit posséder un fusil non déclaré chez ses parents à Caussade.',
          },
          children: [
            { firstName: 'Léa', age: 7, exposed: true, victim: false },
            { firstName: 'Tom', age: 3, exposed: true, victim: true },
          ],
        }),
      );
    expect(res.status).toBe(201);
    return res.body as { id: string; reference: string; coordinatorName: string | null };
  };

  /** A submitted assessment of the French grid: `yes` answered yes, `unknown` unknown, others no. */
  const assess = async (
    caseId: string,
    yes: string[],
    unknown: string[] = [],
    { grid = 'fr-grille-evaluation-danger', language = undefined as string | undefined } = {},
  ) => {
    const coordinator = await as(t, 'coordinator');
    const draft = (
      await t.http
        .post(`/api/v1/cases/${caseId}/assessments`)
        .set(coordinator)
        .send({ questionnaireId: grid, language })
    ).body;
    const items = (await t.http.get(`/api/v1/questionnaires/${grid}`).set(coordinator)).body
      .definition.items;
    await t.http
      .patch(`/api/v1/assessments/${draft.id}`)
      .set(coordinator)
      .send({
        // Yes/no items as told; any other item "unknown / not asked".
        answers: Object.fromEntries(
          items.map((i: { id: string; type: string }) => [
            i.id,
            i.type !== 'yes_no' || unknown.includes(i.id)
              ? 'unknown'
              : yes.includes(i.id)
                ? 'yes'
                : 'no',
          ]),
        ),
      });
    const submitted = await t.http.post(`/api/v1/assessments/${draft.id}/submit`).set(coordinator);
    expect(submitted.status).toBe(200);
    return submitted.body as { id: string; submittedAt: string; language: string };
  };

  /** What every page of a printed document carries. */
  const expectFrame = (text: string[], reference: string) => {
    text.forEach((page, i) => {
      expect(page).toContain(`Page ${i + 1} / ${text.length}`);
      expect(page).toContain('Document confidentiel — données à caractère personnel');
      expect(page).toContain(`Dossier ${reference}`);
      expect(page).toMatch(/Édité le \d{2}\/\d{2}\/\d{4} à \d{2}:\d{2}/);
    });
  };
  const flat = (text: string[]) => text.join('\n').replace(/\s+/g, ' ');
  const parisDay = (instant: string | Date) =>
    new Intl.DateTimeFormat('fr-FR', {
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      timeZone: 'Europe/Paris',
    }).format(new Date(instant));

  it('prints a report the prosecutor can read: the decisive rule first, in French, paged, with a place to decide', async () => {
    const kase = await describedCase();
    expect(kase.coordinatorName).toBe('Sophie Durand');
    await assess(kase.id, ['isolee', 'alcool_drogues']);
    const assessment = await assess(
      kase.id,
      ['strangulation', 'menaces_de_mort', 'isolee'],
      ['harcelement'],
    );
    await t.http
      .post(`/api/v1/assessments/${assessment.id}/override`)
      .set(await namedCoordinator())
      .send({
        level: 'grave',
        justification: 'Menaces de mort réitérées hier devant témoins, auteur introuvable.',
      });

    const res = await getPdf(
      `/api/v1/assessments/${assessment.id}/report.pdf`,
      await as(t, 'prosecutor'),
    );
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    if (process.env.REPORT_ARTIFACT) writeFileSync(process.env.REPORT_ARTIFACT, pdf);

    const { pages, text, items, info } = readPdf(pdf);
    const all = flat(text);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(info.Title).toContain(kase.reference);
    expectFrame(text, kase.reference);

    // Why the level is what it is: the rule that forced it, before every other factor.
    const decisive =
      'Au moins deux réponses « oui » aux questions rouges : le danger est caractérisé (grille 2019).';
    expect(all).toContain('Motif déterminant du niveau calculé par la grille');
    expect(all).toContain('Le niveau « Danger caractérisé » est imposé par :');
    expect(all.indexOf(decisive)).toBeGreaterThan(-1);
    expect(all.indexOf(decisive)).toBeLessThan(
      all.indexOf("L'auteur a menacé de tuer la victime ou ses enfants."),
    );
    expect(all.indexOf(decisive)).toBeLessThan(all.indexOf('Règles de la grille déclenchées'));
    expect(all.indexOf(decisive)).toBeLessThan(all.indexOf('Une tentative de strangulation est'));
    expect(all.indexOf('Règles de la grille déclenchées')).toBeLessThan(
      all.indexOf('Réponses inconnues'),
    );
    for (const expected of [
      'Niveau relevé par jugement professionnel',
      'Menaces de mort réitérées hier', // the override's justification
      'par Sophie Durand, le', // who overrode it, by name rather than token subject
      'Total des points',
      'signal rouge',
      'niveau minimum — impose au moins « Danger caractérisé » — déterminante',
      "Une tentative de strangulation est l'un des plus forts prédicteurs d'homicide conjugal.",
      'signal rouge — impose au moins « Danger caractérisé » 0 pt',
      'Niveau calculé par la grille Danger caractérisé',
      'Réponses inconnues',
      'répondu « ne sait pas », non comptée',
      // The case, named.
      'Sophie Durand',
      'Camille Martin',
      'donné le 20/11/2026 à 10:00',
      'Léa, 7 ans, témoin des violences',
      'Tom, 3 ans, témoin des violences, victime directe',
      'Julien Moreau',
      '8 impasse des Peupliers, 82000 Montauban, FR',
      'ne vit pas avec la victime',
      'arme à feu non déclarée, arme blanche',
      'interdiction de contact, depuis le 18/11/2026 (Parquet de Montauban 26/045/123)',
      'cicatrice à la main gauche',
      // Measures, conditions, history.
      'Attribution d',
      'Code de procédure pénale, art. 41-3-1',
      'Conditions légales du TGD (article 41-3-1 du code de procédure pénale)',
      'Accord exprès de la victime : recueilli.',
      'Interdiction de contact en vigueur : interdiction de contact.',
      'Évaluations précédentes',
      // An earlier assessment named by its instrument's title, not its id.
      "— Grille d'évaluation du danger (police et gendarmerie, 2019) — Danger faible",
      // The decision and the signature.
      'Décision du procureur de la République',
      "Attribution d'un téléphone grave danger accordée",
      "Attribution d'un téléphone grave danger refusée",
      'Fait à',
      'Le procureur de la République / Le substitut',
      'Signature et sceau',
    ]) {
      expect(all).toContain(expected);
    }
    // A measure no longer in force is not listed.
    expect(all).not.toContain('contrôle judiciaire');
    expect(all).not.toContain('— fr-grille-evaluation-danger —');
    // French only: none of the English the draft report printed.
    for (const english of [
      /exposed/,
      / y,/,
      /\bmet\b/,
      /not met/,
      /\bunknown\b/i,
      /Score/,
      /\bvictim\b/,
      /Coordinator/,
    ])
      expect(all).not.toMatch(english);
    // Nothing printed over anything else.
    items.forEach((page) => expect(overprints(page)).toEqual([]));
  });

  it('prints the report in the instrument’s language: a Dutch EVIVICO-style assessment, Dutch throughout the frame', async () => {
    const kase = await describedCase();
    const assessment = await assess(kase.id, ['threat_to_kill', 'firearm_access'], [], {
      grid: 'evivico-style',
      language: 'nl',
    });
    expect(assessment.language).toBe('nl');
    const res = await getPdf(
      `/api/v1/assessments/${assessment.id}/report.pdf`,
      await as(t, 'prosecutor'),
    );
    expect(res.status).toBe(200);
    const { text, items } = readPdf(res.body as Buffer);
    const all = flat(text);
    for (const expected of [
      'Gevaarsinschatting — verslag aan de procureur',
      'Weerhouden gevaarsniveau',
      'Toegepaste regels van het instrument',
      'Het slachtoffer en de kinderen',
      'Léa, 7 jaar, getuige van het geweld',
      'Beslissing van de procureur',
      'Handtekening en zegel',
      `Pagina 1 / ${text.length}`,
      'Vertrouwelijk document — persoonsgegevens',
      // The measures in the rules file's Dutch.
      'Aanbevolen maatregelen',
      'Toekenning van een telefoon voor ernstig gevaar (TGD)',
      'Doodsbedreigingen door de pleger.',
    ])
      expect(all).toContain(expected);
    // None of the French frame.
    for (const french of [
      'Niveau de danger retenu',
      'Règles de la grille',
      'Page 1 /',
      'Document confidentiel',
      'témoin des violences',
      'Signature et sceau',
      "Attribution d'un téléphone grave danger",
      "Menaces de mort de l'auteur.",
    ])
      expect(all).not.toContain(french);
    items.forEach((page) => expect(overprints(page)).toEqual([]));

    // The prosecutor's decision on it, in Dutch too.
    const filed = await t.http
      .post(`/api/v1/cases/${kase.id}/tgd-requests`)
      .set(await namedCoordinator())
      .send({ assessmentId: assessment.id });
    expect(filed.status).toBe(201);
    const decided = await t.http
      .post(`/api/v1/tgd-requests/${filed.body.id}/decision`)
      .set(await as(t, 'prosecutor'))
      .send({ decision: 'approve', reasons: 'Ernstig en dreigend gevaar, gewapende pleger.' });
    expect(decided.status).toBe(200);
    const decision = readPdf(
      (
        await getPdf(
          `/api/v1/tgd-requests/${filed.body.id}/decision.pdf`,
          await as(t, 'prosecutor'),
        )
      ).body as Buffer,
    );
    const decisionText = flat(decision.text);
    for (const expected of [
      'PARKET BIJ DE RECHTBANK',
      'Beslissing over de toekenning van een telefoon voor ernstig gevaar',
      'Gelet op',
      'BESLIST',
      'De toekenning van een telefoon voor ernstig gevaar wordt TOEGESTAAN.',
      'Ernstig en dreigend gevaar, gewapende pleger.',
      'door Sophie Durand',
      'Handtekening en zegel',
      `Pagina 1 / ${decision.text.length}`,
    ])
      expect(decisionText).toContain(expected);
    for (const french of ['DÉCIDE', 'ACCORDÉE', 'Signature et sceau', 'Page 1 /'])
      expect(decisionText).not.toContain(french);
    decision.items.forEach((page) => expect(overprints(page)).toEqual([]));
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

  describe("the prosecutor's decision, printed", () => {
    /** A request filed by the named coordinator on a grave assessment, and, unless pending, decided. */
    const decidedRequest = async (decision: 'approve' | 'reject' | null, reasons = '') => {
      const kase = await describedCase();
      const assessment = await assess(kase.id, [
        'menaces_de_mort',
        'armes_a_feu',
        'projet_separation_connu',
      ]);
      const filed = await t.http
        .post(`/api/v1/cases/${kase.id}/tgd-requests`)
        .set(await namedCoordinator())
        .send({ assessmentId: assessment.id, note: 'Menaces réitérées depuis la séparation.' });
      expect(filed.status).toBe(201);
      if (!decision) return { kase, assessment, request: filed.body };
      const decided = await t.http
        .post(`/api/v1/tgd-requests/${filed.body.id}/decision`)
        .set(await as(t, 'prosecutor'))
        .send({ decision, reasons });
      expect(decided.status).toBe(200);
      return { kase, assessment, request: decided.body };
    };
    const decisionPdf = async (id: string, role: 'prosecutor' | 'coordinator' = 'prosecutor') =>
      getPdf(`/api/v1/tgd-requests/${id}/decision.pdf`, await as(t, role));
    const expectSignable = (all: string) => {
      for (const expected of [
        'PARQUET PRÈS LE TRIBUNAL JUDICIAIRE',
        'ressort FR-82',
        "Décision relative à l'attribution d'un téléphone grave danger",
        "Vu l'article 41-3-1 du code de procédure pénale",
        'DÉCIDE',
        'Fait à',
        'Le procureur de la République / Le substitut',
        'Signature et sceau',
      ])
        expect(all).toContain(expected);
    };

    it('prints an approval: reasons verbatim, the period, the conditions, the level, ready to sign', async () => {
      const reasons =
        "Danger grave et imminent : menaces de mort d'un auteur armé, séparation récente connue de lui ; consentement exprès recueilli, interdiction de contact en vigueur depuis le 18 novembre. L'auteur n'a pas été interpellé et a été vu à deux reprises près du domicile de la victime cette semaine.";
      const { kase, assessment, request } = await decidedRequest('approve', reasons);
      const allocation = (
        await t.http
          .get(`/api/v1/allocations/${request.allocationId}`)
          .set(await as(t, 'prosecutor'))
      ).body;
      // A renewal since moves the allocation's end, not what this decision granted.
      const renewed = await t.http
        .post(`/api/v1/allocations/${request.allocationId}/renewal`)
        .set(await as(t, 'prosecutor'))
        .send({ reasons: 'Danger persistant, auteur toujours introuvable.', months: 3 });
      expect(renewed.status).toBe(200);
      expect(renewed.body.endsAt).not.toBe(allocation.endsAt);
      const res = await decisionPdf(request.id);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const { pages, text, items, info } = readPdf(res.body as Buffer);
      if (process.env.DECISION_ARTIFACT)
        writeFileSync(process.env.DECISION_ARTIFACT, res.body as Buffer);
      expect(pages).toBeLessThanOrEqual(2);
      expect(info.Title).toContain(kase.reference);
      expectFrame(text, kase.reference);
      const all = flat(text);
      expectSignable(all);
      for (const expected of [
        kase.reference,
        `Demande présentée le ${parisDay(request.filedAt)}`,
        'par Sophie Durand',
        "L'attribution d'un téléphone grave danger est ACCORDÉE.",
        reasons,
        `Du ${parisDay(allocation.startsAt)} au ${parisDay(allocation.endsAt)} (6 mois, renouvelable`,
        'Conditions de mise à disposition du dispositif',
        'géolocalisation au moment où elle déclenche',
        `Danger grave et imminent (évaluation du ${parisDay(assessment.submittedAt)})`,
        "l'accord exprès de la victime, recueilli le 20/11/2026 à 10:00",
        `le ${parisDay(request.decidedAt)}`,
      ])
        expect(all).toContain(expected);
      expect(all).not.toContain('REFUSÉE');
      items.forEach((page) => expect(overprints(page)).toEqual([]));
    });

    it('prints a rejection with its reasons and no period nor device conditions; the coordinator may print it too', async () => {
      const reasons =
        "L'auteur est incarcéré jusqu'en 2028 : pas de danger imminent à ce jour ; orientation vers l'association d'aide aux victimes.";
      const { kase, request } = await decidedRequest('reject', reasons);
      const res = await decisionPdf(request.id, 'coordinator');
      expect(res.status).toBe(200);
      const { text, items } = readPdf(res.body as Buffer);
      expectFrame(text, kase.reference);
      const all = flat(text);
      expectSignable(all);
      expect(all).toContain("L'attribution d'un téléphone grave danger est REFUSÉE.");
      expect(all).toContain(reasons);
      expect(all).not.toContain('ACCORDÉE');
      expect(all).not.toContain("Durée de l'attribution");
      expect(all).not.toContain('Conditions de mise à disposition');
      items.forEach((page) => expect(overprints(page)).toEqual([]));
    });

    it('refuses a pending request (409), a request of another jurisdiction (404) and other roles (403)', async () => {
      const { request } = await decidedRequest(null);
      const pending = await t.http
        .get(`/api/v1/tgd-requests/${request.id}/decision.pdf`)
        .set(await as(t, 'prosecutor'));
      expect(pending.status).toBe(409);
      expect(pending.body.code).toBe('tgd-request.not-decided');
      expect(
        (
          await t.http
            .get(`/api/v1/tgd-requests/${request.id}/decision.pdf`)
            .set(await as(t, 'prosecutor', ['FR-71']))
        ).status,
      ).toBe(404);
      expect(
        (
          await t.http
            .get(`/api/v1/tgd-requests/${request.id}/decision.pdf`)
            .set(await as(t, 'operator'))
        ).status,
      ).toBe(403);
    });

    itWithPoppler(
      'reads back in poppler as in pdf.js: the decisive rule, French labels, pages numbered, a signature block, no word over another; pages rendered with pdftoppm',
      async () => {
        const { kase, assessment, request } = await decidedRequest(
          'approve',
          'Danger grave et imminent, auteur armé, séparation récente.',
        );
        const report = (
          await getPdf(`/api/v1/assessments/${assessment.id}/report.pdf`, await as(t, 'prosecutor'))
        ).body as Buffer;
        const decision = (await decisionPdf(request.id)).body as Buffer;
        for (const [name, pdf, expected] of [
          [
            'report',
            report,
            [
              'Motif déterminant',
              'Le niveau « Danger grave et imminent » est imposé par : • Au moins trois réponses « oui » aux questions rouges',
              'Conditions légales du TGD',
              'Décision du procureur de la République',
              'Signature et sceau',
            ],
          ],
          [
            'decision',
            decision,
            [
              "Vu l'article 41-3-1 du code de procédure pénale",
              'est ACCORDÉE',
              'par Sophie Durand',
              'Le procureur de la République / Le substitut',
              'Signature et sceau',
            ],
          ],
        ] as const) {
          const pages = pdftotextPages(pdf);
          const text = pages.join('\n').replace(/\s+/g, ' ');
          for (const phrase of expected)
            expect({ name, found: text.includes(phrase), phrase }).toEqual({
              name,
              found: true,
              phrase,
            });
          // Every page numbered "Page n / N" and footed with the case reference.
          pages.forEach((page, i) => {
            expect(page).toContain(`Page ${i + 1} / ${pages.length}`);
            expect(page).toContain(kase.reference);
          });
          expect(text).not.toMatch(/\b(exposed|unknown|not met|Score|Coordinator)\b/);
          for (const words of wordBoxes(pdf)) expect(overlappingWords(words)).toEqual([]);
          // pdftoppm renders every page: UPDATE_SCREENSHOTS=1 keeps the first for the README.
          const images = pageImages(pdf);
          expect(images).toHaveLength(pages.length);
          for (const image of images) expect(image.subarray(1, 4).toString()).toBe('PNG');
          writeFileSync(screenshotPath(`${name}-page1.png`), images[0]);
        }
      },
    );

    it('audits the print against the request', async () => {
      const { request } = await decidedRequest(
        'reject',
        'Conditions légales non réunies à ce jour.',
      );
      expect((await decisionPdf(request.id)).status).toBe(200);
      const records = await t.db.query(
        `SELECT action, entity_type FROM audit_record WHERE entity_id = $1`,
        [request.id],
      );
      expect(records).toEqual(
        expect.arrayContaining([{ action: 'decision.read', entity_type: 'tgd_request' }]),
      );
    });
  });
});
