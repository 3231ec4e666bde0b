import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { miniDefinition } from './fixtures/mini-definition';
import { IsolatedDatabase, isolatedDatabase } from './support/database';
import { newCase, startTestApp, TestApp } from './support/test-app';

// Questionnaires are files: a new instrument needs a file and a restart, and a changed file never
// changes an old result nor strands a draft pinned to the old version.
describe('questionnaire files across restarts', () => {
  const rulesDir = mkdtempSync(join(tmpdir(), 'tgd-rules-'));
  let database: IsolatedDatabase;
  let t: TestApp | undefined;

  beforeAll(async () => {
    mkdirSync(join(rulesDir, 'questionnaires'));
    database = await isolatedDatabase();
  });
  afterAll(async () => {
    await t?.close();
    await database.drop();
    rmSync(rulesDir, { recursive: true, force: true });
  });

  const start = async () => {
    await t?.close();
    t = await startTestApp({ env: { RULES_DIR: rulesDir }, database });
    return { app: t, auth: { Authorization: `Bearer ${await t.token('coordinator', ['FR-82'])}` } };
  };
  const write = (name: string, content: object) =>
    writeFileSync(join(rulesDir, 'questionnaires', name), JSON.stringify(content, null, 2));

  it('serves and scores a third instrument dropped in as a file, pins versions, and keeps old results', async () => {
    write('mini.json', miniDefinition());
    let { app, auth } = await start();
    expect(
      (await app.http.get('/api/v1/questionnaires').set(auth)).body.map(
        (q: { id: string }) => q.id,
      ),
    ).toEqual(['mini']);

    const caseId = (await app.http.post('/api/v1/cases').set(auth).send(newCase())).body.id;
    const open = async (body: object) =>
      (await app.http.post(`/api/v1/cases/${caseId}/assessments`).set(auth).send(body)).body;
    const answer = (id: string, answers: object) =>
      app.http.patch(`/api/v1/assessments/${id}`).set(auth).send({ answers });
    const submit = async (id: string) =>
      (await app.http.post(`/api/v1/assessments/${id}/submit`).set(auth)).body;

    const old = await open({ questionnaireId: 'mini' });
    await answer(old.id, { drinks: 'yes' });
    const oldResult = await submit(old.id);
    expect(oldResult.result).toMatchObject({ score: 1, level: 'low' });
    const pending = await open({ questionnaireId: 'mini' });
    await answer(pending.id, { drinks: 'yes' });

    // The same version edited in place (drinking now weighs 4), plus a new instrument, a Lethality
    // Screen-like rule set written in YAML, after a restart. No code change, no rebuild.
    const edited = miniDefinition();
    edited.items[1].weight = 4;
    write('mini.json', edited);
    writeFileSync(
      join(rulesDir, 'questionnaires', 'lethality-screen.yaml'),
      [
        'id: lethality-screen',
        'version: "1.0"',
        'title: { en: Lethality screen, fr: Dépistage de létalité }',
        'languages: [en, fr]',
        'sections: [{ id: s, title: { en: Questions } }]',
        'items:',
        '  - { id: q1, section: s, type: yes_no, text: { en: "Has he used a weapon against you or threatened you with one?" } }',
        '  - { id: q2, section: s, type: yes_no, text: { en: "Has he threatened to kill you or your children?" } }',
        '  - { id: q3, section: s, type: yes_no, text: { en: "Do you think he might try to kill you?" } }',
        '  - { id: q4, section: s, type: yes_no, text: { en: "Does he have a gun or can he get one easily?" } }',
        '  - { id: q5, section: s, type: yes_no, text: { en: "Has he ever tried to choke you?" } }',
        '  - { id: q6, section: s, type: yes_no, text: { en: "Is he violently or constantly jealous?" } }',
        '  - { id: q7, section: s, type: yes_no, text: { en: "Have you left him or separated after living together?" } }',
        '  - { id: q8, section: s, type: yes_no, text: { en: "Is he unemployed?" } }',
        'levels:',
        '  - { id: not_screened_in, label: { en: Not screened in } }',
        '  - { id: screened_in, label: { en: Screened in } }',
        'rules:',
        '  - name: first-three',
        '    conditions: { any: [ { fact: q1, operator: equal, value: "yes" }, { fact: q2, operator: equal, value: "yes" }, { fact: q3, operator: equal, value: "yes" } ] }',
        '    event: { type: minimum-level, params: { level: screened_in, reason: { en: "A yes to one of the first three questions screens the victim in." } } }',
        '  - name: four-of-the-rest',
        '    conditions: { all: [ { fact: yesCount, params: { items: [q4, q5, q6, q7, q8] }, operator: greaterThanInclusive, value: 4 } ] }',
        '    event: { type: minimum-level, params: { level: screened_in, reason: { en: "Four or more yes answers among questions 4 to 8." } } }',
        '',
      ].join('\n'),
    );
    ({ app, auth } = await start());

    const listed = (await app.http.get('/api/v1/questionnaires').set(auth)).body;
    expect(listed.map((q: { id: string }) => q.id)).toEqual(['lethality-screen', 'mini']);
    expect(listed.find((q: { id: string }) => q.id === 'mini').hash).not.toBe(
      old.questionnaire.hash,
    );

    // The old result is unchanged; the pending draft is evaluated on the version it pinned.
    expect((await app.http.get(`/api/v1/assessments/${old.id}`).set(auth)).body.result).toEqual(
      oldResult.result,
    );
    const pendingResult = await submit(pending.id);
    expect(pendingResult.result).toMatchObject({
      score: 1,
      questionnaire: { hash: old.questionnaire.hash },
    });

    const fresh = await open({ questionnaireId: 'mini' });
    await answer(fresh.id, { drinks: 'yes' });
    expect((await submit(fresh.id)).result).toMatchObject({ score: 4, level: 'mid' });

    const screen = await open({ questionnaireId: 'lethality-screen', language: 'en' });
    await answer(screen.id, {
      q1: 'no',
      q2: 'no',
      q3: 'no',
      q4: 'yes',
      q5: 'yes',
      q6: 'yes',
      q7: 'no',
      q8: 'no',
    });
    const notIn = await submit(screen.id);
    expect(notIn.level).toBe('not_screened_in');
    const screen2 = await open({ questionnaireId: 'lethality-screen', language: 'en' });
    await answer(screen2.id, { q2: 'yes' });
    const screenedIn = await submit(screen2.id);
    expect(screenedIn).toMatchObject({ level: 'screened_in', levelLabel: 'Screened in' });
    expect(screenedIn.result.firedRules[0].reason).toMatch(/first three/);
  });
});
