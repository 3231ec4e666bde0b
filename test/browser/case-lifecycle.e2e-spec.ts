import { Browser, Page } from 'playwright-core';

import {
  describeInBrowser,
  launchChromium,
  screenshotPath,
  seriousAccessibilityViolations,
  signIn,
  until,
} from '../support/browser';
import { listen } from '../support/sse';
import { newCase, startTestApp, TestApp } from '../support/test-app';
import { as } from '../support/tgd-journey';

/**
 * Issue #17 in Chromium: a case opened from the 24/7 line for a victim already known (flagged as a
 * repeat), an incident, a transfer accepted by the other jurisdiction's coordinator (the old one
 * then loses it), a closure refused as "danger ended" then decided with reasons, and reopened by a
 * new incident.
 */
describeInBrowser('the life of a case in a real browser', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let page: Page;
  let other: Page;
  let first: { id: string; reference: string };
  let caseId: string;
  let reference: string;

  const victim = { lastName: 'Lefèvre', firstName: 'Nadia', dateOfBirth: '1985-09-30' };

  beforeAll(async () => {
    t = await startTestApp();
    base = await listen(t);
    // Known to the network since a complaint three months ago.
    const created = await t.http
      .post('/api/v1/cases')
      .set(await as(t, 'coordinator'))
      .send({
        ...newCase('FR-82'),
        victim: { ...victim, phone: '+33655501234' },
        intake: {
          channel: 'complaint',
          receivedAt: new Date(Date.now() - 90 * 86_400_000).toISOString(),
        },
      });
    expect(created.status).toBe(201);
    first = created.body;
    browser = await launchChromium();
    const context = () =>
      browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
    page = await (await context()).newPage();
    other = await (await context()).newPage();
    await signIn(page, base, {
      subject: 'coord-82',
      roles: ['coordinator'],
      jurisdictions: ['FR-82'],
    });
    await signIn(other, base, {
      subject: 'coord-71',
      roles: ['coordinator'],
      jurisdictions: ['FR-71'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const settled = (p: Page) =>
    until('the panels loaded', async () => (await p.locator('.mantine-Loader-root').count()) === 0);
  const choose = async (
    p: Page,
    scope: ReturnType<Page['locator']>,
    label: RegExp,
    option: string,
  ) => {
    await scope.getByRole('combobox', { name: label }).click();
    await p.getByRole('option', { name: option, exact: true }).click();
  };
  const history = (p: Page) => p.getByRole('region', { name: 'Historique' });

  it('opens a case from the 24/7 line, flagged as a repeat of the victim known three months ago', async () => {
    await page.goto(`${base}/cases/new`);
    await page.getByRole('heading', { level: 2, name: 'Nouveau dossier' }).waitFor();
    const intake = page.getByRole('group', { name: 'Arrivée du dossier', exact: true });
    await choose(page, intake, /Mode d’arrivée/, 'Ligne d’écoute 24h/24');
    const form = page.getByRole('group', { name: 'Victime', exact: true });
    await form.getByLabel(/^Nom/).fill('LEFEVRE');
    await form.getByLabel('Prénom').fill(victim.firstName);
    await form.getByLabel('Date de naissance').fill(victim.dateOfBirth);
    const address = page.getByRole('group', { name: 'Adresse de la victime' });
    await address.getByLabel('Adresse', { exact: true }).fill('4 place de Beaune');
    await address.getByLabel('Commune').fill('Chalon-sur-Saône');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Ouvrir le dossier' }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    caseId = page.url().split('/').pop()!;
    const stored = await t.http.get(`/api/v1/cases/${caseId}`).set(await as(t, 'coordinator'));
    reference = stored.body.reference;
    expect(stored.body.intake).toMatchObject({ channel: 'hotline_24_7', takenById: 'coord-82' });

    const repeat = page.getByRole('status').filter({
      hasText: 'Victime déjà connue dans les 12 derniers mois',
    });
    await repeat.waitFor();
    await repeat.getByRole('link', { name: first.reference }).waitFor();
    await history(page)
      .getByText(/Arrivé par : Ligne d’écoute 24h\/24/)
      .waitFor();
    await settled(page);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('console-case-repeat.png'), fullPage: true });
  });

  it('records an incident in its dialog, which the history shows', async () => {
    await page.getByRole('button', { name: 'Incident', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `Nouvel incident — ${reference}` });
    await dialog.waitFor();
    await choose(page, dialog, /Nature/, 'Menaces');
    await choose(
      page,
      dialog,
      /Porté à connaissance par/,
      'Intervention de police (main courante, 17)',
    );
    await dialog.getByLabel('Note').fill('Menaces par SMS, main courante déposée.');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Enregistrer l’incident' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await history(page)
      .getByRole('row', { name: /Incident : Menaces/ })
      .waitFor();
  });

  it('is transferred to FR-71, whose coordinator accepts it from the worklist; FR-82 then loses it', async () => {
    await page.getByRole('button', { name: 'Transférer', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `Transférer le dossier ${reference}` });
    await dialog.getByLabel(/Ressort destinataire/).fill('FR-71');
    await dialog.getByLabel(/Motif/).fill('La victime a déménagé à Chalon-sur-Saône.');
    await dialog.getByRole('button', { name: 'Demander le transfert' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page
      .getByRole('alert')
      .filter({ hasText: 'Transfert demandé vers FR-71' })
      .getByRole('button', { name: 'Retirer la demande' })
      .waitFor();
    await history(page)
      .getByRole('row', { name: /Transfert demandé vers FR-71/ })
      .waitFor();

    await other.goto(`${base}/worklist`);
    const incoming = other.getByRole('region', {
      name: 'Transferts de dossiers vers votre ressort',
    });
    await incoming.getByRole('row', { name: new RegExp(reference) }).waitFor();
    await incoming.getByText('La victime a déménagé à Chalon-sur-Saône.').waitFor();
    await settled(other);
    expect(await seriousAccessibilityViolations(other)).toEqual([]);
    await incoming.getByRole('button', { name: `Accepter le transfert de ${reference}` }).click();
    await other.waitForURL(`${base}/cases/${caseId}`);
    await other.getByRole('heading', { level: 2, name: new RegExp(reference) }).waitFor();
    await other.getByText(/FR-71/).first().waitFor();
    await history(other)
      .getByRole('row', { name: /Transféré de FR-82 vers FR-71/ })
      .waitFor();

    await page.reload();
    await page.getByText("Ce dossier n'existe pas ou n'est pas dans vos ressorts.").waitFor();
  });

  it('refuses closing as "danger ended" without two low assessments, then closes on a reasoned decision', async () => {
    await other.getByRole('button', { name: 'Clore le dossier' }).click();
    const dialog = other.getByRole('dialog', { name: new RegExp(`Clore le dossier ${reference}`) });
    await dialog.waitFor();
    await choose(
      other,
      dialog,
      /Motif de clôture/,
      'Fin du danger : deux évaluations consécutives au niveau le plus bas',
    );
    await dialog.getByLabel(/Décision/).fill('Deux évaluations basses ?');
    await dialog.getByRole('button', { name: 'Clore' }).click();
    await dialog.getByText(/les deux dernières évaluations validées doivent être/).waitFor();
    expect(await seriousAccessibilityViolations(other)).toEqual([]);

    await choose(other, dialog, /Motif de clôture/, 'Décision motivée');
    await dialog.getByRole('button', { name: 'Clore' }).click();
    await dialog.getByText('Une décision motivée demande au moins 40 caractères.').waitFor();
    await dialog
      .getByLabel(/Décision/)
      .fill('L’auteur est incarcéré pour deux ans et la victime hébergée en sécurité.');
    await dialog.getByRole('button', { name: 'Clore' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await history(other)
      .getByRole('row', { name: /Clôture : Décision motivée/ })
      .waitFor();
  });

  it('is reopened by a new incident, and the history says so', async () => {
    await other.getByRole('button', { name: 'Incident', exact: true }).click();
    const dialog = other.getByRole('dialog', { name: `Nouvel incident — ${reference}` });
    await dialog.getByText('Le dossier est clos : un nouvel incident le rouvre.').waitFor();
    await choose(other, dialog, /Nature/, 'Non-respect d’une interdiction');
    await choose(other, dialog, /Porté à connaissance par/, 'La victime elle-même');
    await dialog.getByRole('button', { name: 'Enregistrer l’incident' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await history(other)
      .getByRole('row', { name: /Dossier rouvert par un nouvel incident/ })
      .waitFor();
    const stored = await t.http
      .get(`/api/v1/cases/${caseId}`)
      .set(await as(t, 'coordinator', ['FR-71']));
    expect(stored.body).toMatchObject({
      status: 'open',
      jurisdiction: 'FR-71',
      coordinatorId: 'coord-71',
    });
    await settled(other);
    expect(await seriousAccessibilityViolations(other)).toEqual([]);
    await other.screenshot({ path: screenshotPath('console-case-lifecycle.png'), fullPage: true });
  });
});
