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
import { as, assessedCase } from '../support/tgd-journey';

const PSY = 'psychologue-coordination-82';
const PSY_NAME = 'Psychologue de la coordination VIF';

/** A victim of her own (the repeat rule matches name + birth date, or phone). */
const victim = (lastName: string, phone: string) => ({
  ...newCase().victim,
  lastName,
  phone,
  dateOfBirth: '1979-02-03',
});

/**
 * Issue #17: a coordinator schedules a concertation meeting of the FR-82 network; the agenda
 * proposes the highest-level case and a repeat; the psychologist is invited and present; a decision
 * and an action for the psychologist's practice with a deadline; the action is an obligation of the
 * case; the practice, signed in as a partner, sees it and marks it done; the minutes download.
 */
describeInBrowser('concertation meeting in a real browser', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let page: Page;
  let partnerPage: Page;
  let grave: { id: string; reference: string };
  let repeat: { id: string; reference: string };

  beforeAll(async () => {
    t = await startTestApp();
    base = await listen(t);
    const coordinator = await as(t, 'coordinator');
    grave = (
      await assessedCase(t, ['strangulation', 'menaces_de_mort'], {
        victim: victim('Lefort', '+33611111111'),
      })
    ).kase;
    const post = async () =>
      (
        await t.http
          .post('/api/v1/cases')
          .set(coordinator)
          .send(newCase('FR-82', { victim: victim('Roussel', '+33633333333') }))
      ).body;
    await post();
    repeat = await post();
    browser = await launchChromium();
    page = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    await signIn(page, base, { subject: 'coordinator@FR-82', roles: ['coordinator'] });
    partnerPage = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    await signIn(partnerPage, base, {
      subject: 'accueil@psychologue-82',
      roles: ['partner'],
      partnerOrganisationId: PSY,
    });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('schedules the meeting with its proposed agenda, invites the psychologist, records a decision and an action', async () => {
    await page.goto(`${base}/concertation`);
    await page.getByRole('heading', { name: 'Réunions de concertation' }).waitFor();
    await page.getByText('Aucune réunion programmée.').waitFor();
    await page.getByRole('combobox', { name: 'Réseau' }).click();
    await page.getByRole('option', { name: /Tarn-et-Garonne/ }).click();
    await page.getByLabel('Date et heure').fill('2026-12-03T14:30');
    await page.getByRole('button', { name: 'Programmer une réunion' }).click();
    await page.waitForURL(/\/concertation\/[0-9a-f-]{36}$/);

    const agenda = page.getByTestId('agenda');
    const graveRow = agenda.getByRole('row', { name: new RegExp(grave.reference) });
    await graveRow.getByText('Niveau parmi les deux plus élevés').waitFor();
    const repeatRow = agenda.getByRole('row', { name: new RegExp(repeat.reference) });
    await repeatRow.getByText('Victime déjà connue (12 mois)').waitFor();
    expect(await agenda.getByRole('row').count()).toBe(3); // the header and the two cases
    for (const name of ['Lefort', 'Roussel']) expect(await page.getByText(name).count()).toBe(0);
    // Proposed again: nothing new qualifies, the agenda stays as it is.
    const refreshed = page.waitForResponse(
      (r) => r.url().endsWith('/agenda/refresh') && r.status() === 200,
    );
    await page.getByRole('button', { name: "Proposer de nouveau l'ordre du jour" }).click();
    await refreshed;
    await until('the agenda as it was', async () => (await agenda.getByRole('row').count()) === 3);

    await page.getByRole('checkbox', { name: `Présent : ${PSY_NAME}` }).check();
    expect(await page.getByRole('checkbox', { name: `Invité : ${PSY_NAME}` }).isChecked()).toBe(
      true,
    );
    await page.getByRole('button', { name: 'Enregistrer les présences' }).click();
    await page.getByRole('status').filter({ hasText: 'Enregistré.' }).waitFor();

    await page
      .getByRole('textbox', { name: 'Décision' })
      .fill('Demande de TGD au parquet à instruire en urgence.');
    await page.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await page
      .getByTestId('decisions')
      .getByText(/Demande de TGD au parquet à instruire en urgence/)
      .waitFor();

    await page.getByRole('combobox', { name: 'Partenaire' }).click();
    await page.getByRole('option', { name: PSY_NAME }).click();
    await page.getByLabel('Échéance').fill('2026-12-10T18:00');
    await page
      .getByRole('textbox', { name: 'Action à réaliser' })
      .fill('Proposer un rendez-vous de soutien psychologique sous huit jours.');
    await page.getByRole('button', { name: "Confier l'action" }).click();
    await page
      .getByTestId('actions')
      .getByRole('row', { name: new RegExp(`${grave.reference}.*${PSY_NAME}`) })
      .getByText('À faire')
      .waitFor();

    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('console-concertation.png'), fullPage: true });

    const [minutes] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/minutes.pdf')),
      page.getByRole('button', { name: 'Compte rendu (PDF)' }).click(),
    ]);
    expect(minutes.status()).toBe(200);
    expect(minutes.headers()['content-type']).toBe('application/pdf');
  });

  it("shows the action as an obligation on the case's panel", async () => {
    await page.goto(`${base}/cases/${grave.id}`);
    await page
      .locator('#case-panel-obligations')
      .getByText('Action décidée en concertation à réaliser par le partenaire')
      .waitFor();
  });

  it('lets the partner see its action (reference and action only) and mark it done', async () => {
    await partnerPage.goto(`${base}/concertation`);
    const actions = partnerPage.getByTestId('partner-actions');
    const row = actions.getByRole('row', { name: new RegExp(grave.reference) });
    await row.getByText('Proposer un rendez-vous de soutien psychologique').waitFor();
    expect(await seriousAccessibilityViolations(partnerPage)).toEqual([]);
    await row
      .getByRole('button', { name: `Marquer faite l'action du dossier ${grave.reference}` })
      .click();
    await row.getByText('Faite').waitFor();
    await until('the obligation completed', async () => {
      const obligations = await t.http
        .get(`/api/v1/cases/${grave.id}/obligations`)
        .set(await as(t, 'coordinator'));
      return obligations.body.some(
        (o: { templateId: string; status: string }) =>
          o.templateId === 'concertation_action' && o.status === 'completed',
      );
    });
  });
});
