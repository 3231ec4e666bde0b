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

const PSY = 'psychologue-coordination-82';

/**
 * Issue #17 in Chromium: a coordinator refers a case to the coordination's psychologist once the
 * victim's consent to share with that practice is recorded; the practice, signed in as a partner,
 * sees the referral and nothing else, accepts it and records an appointment; the coordinator sees
 * it accepted; the consent withdrawn ends the practice's access.
 */
describeInBrowser('referral to a partner, with consent, in a real browser', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let coordinatorPage: Page;
  let partnerPage: Page;
  let kase: { id: string; reference: string };

  const consent = async (recipient: string, given: boolean) => {
    const res = await t.http
      .patch(`/api/v1/cases/${kase.id}`)
      .set(await as(t, 'coordinator'))
      .send({
        victim: {
          consents: [
            {
              purpose: 'information_sharing',
              recipient,
              given,
              recordedAt: new Date().toISOString(),
            },
          ],
        },
      });
    expect(res.status).toBe(200);
  };

  beforeAll(async () => {
    t = await startTestApp();
    base = await listen(t);
    kase = (
      await t.http
        .post('/api/v1/cases')
        .set(await as(t, 'coordinator'))
        .send(newCase())
    ).body;
    browser = await launchChromium();
    coordinatorPage = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    await signIn(coordinatorPage, base, { subject: 'coordinator@FR-82', roles: ['coordinator'] });
    // The psychologist's practice, signed in as a partner naming its organisation.
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

  const panel = () =>
    coordinatorPage.getByRole('region', { name: 'Orientations vers les partenaires' });

  it('shows the missing consent as a problem with the way to record it, then refers once it is recorded', async () => {
    const page = coordinatorPage;
    await page.goto(`${base}/cases/${kase.id}`);
    await panel().getByText('Aucune orientation pour ce dossier.').waitFor();
    await panel().getByRole('button', { name: 'Orienter' }).click();
    const dialog = page.getByRole('dialog', { name: 'Orienter vers un partenaire' });
    await dialog.getByRole('combobox', { name: /^Service demandé/ }).click();
    await page.getByRole('option', { name: 'Soutien psychologique' }).click();
    await dialog.getByRole('combobox', { name: /^Partenaire/ }).click();
    await page.getByRole('option', { name: /Psychologue/ }).click();
    const missing = dialog
      .getByRole('alert')
      .filter({ hasText: 'Consentement au partage manquant' });
    await missing.waitFor();
    expect(
      await missing
        .getByRole('link', { name: 'Enregistrer le consentement dans le dossier' })
        .getAttribute('href'),
    ).toBe(`/cases/${kase.id}/edit`);
    await dialog.getByRole('checkbox', { name: 'Prénom de la victime' }).check();
    await dialog.getByRole('textbox', { name: /^Comment vous joindre/ }).fill('05 63 00 10 10');
    await dialog.getByRole('button', { name: "Envoyer l'orientation" }).click();
    // The service refuses too, in French, beside the form's buttons.
    await dialog.getByTestId('referral-problem').filter({ hasText: "n'a pas consenti" }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    // The alert's link leads to the case file, where the consent is recorded with the partner
    // chosen by its name in the network's directory.
    await missing
      .getByRole('link', { name: 'Enregistrer le consentement dans le dossier' })
      .click();
    await page.waitForURL(`${base}/cases/${kase.id}/edit`);
    await page.getByRole('button', { name: 'Ajouter un consentement ou un retrait' }).click();
    const entry = page.getByRole('group', { name: 'Nouvelle entrée du registre 1', exact: true });
    await entry.getByRole('combobox', { name: /^Objet/ }).click();
    await page.getByRole('option', { name: "Partage d'informations entre partenaires" }).click();
    const recipient = entry.getByRole('combobox', { name: /^Partenaire destinataire/ });
    await recipient.fill('psycho');
    await page.getByRole('option', { name: /^Psychologue de la coordination VIF/ }).click();
    await page.getByRole('button', { name: 'Enregistrer le dossier' }).click();
    await page.waitForURL(`${base}/cases/${kase.id}`);
    // The case file names the partner, not its directory id.
    await page
      .getByRole('listitem')
      .filter({
        hasText:
          "Partage d'informations entre partenaires (Psychologue de la coordination VIF) : Accord",
      })
      .waitFor();
    const stored = await t.http.get(`/api/v1/cases/${kase.id}`).set(await as(t, 'coordinator'));
    expect(stored.body.victim.consents).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ purpose: 'information_sharing', recipient: PSY, given: true }),
      ]),
    );

    await panel().getByRole('button', { name: 'Orienter' }).click();
    await dialog.getByRole('combobox', { name: /^Service demandé/ }).click();
    await page.getByRole('option', { name: 'Soutien psychologique' }).click();
    await dialog.getByRole('combobox', { name: /^Partenaire/ }).click();
    await page.getByRole('option', { name: /Psychologue/ }).click();
    await dialog.getByText(/Consentement au partage avec ce partenaire enregistré/).waitFor();
    await dialog.getByRole('checkbox', { name: 'Prénom de la victime' }).check();
    await dialog.getByRole('textbox', { name: /^Comment vous joindre/ }).fill('05 63 00 10 10');
    await dialog
      .getByRole('textbox', { name: 'Note pour le partenaire' })
      .fill('Rendez-vous en matinée de préférence.');
    await dialog.getByRole('button', { name: "Envoyer l'orientation" }).click();
    await dialog.waitFor({ state: 'detached' });
    await panel().getByRole('cell', { name: 'Envoyée, sans réponse' }).waitFor();
  });

  it('gives the partner its inbox and nothing else of the case; it accepts and records an appointment', async () => {
    const page = partnerPage;
    await page.goto(`${base}/`);
    await page.waitForURL(`${base}/referrals`);
    const inbox = page.getByTestId('referral-inbox');
    await inbox.getByRole('link', { name: kase.reference }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    // Its own screens only (the network's directory, its housing if it offers any): no case.
    const links = await nav.getByRole('link').allInnerTexts();
    expect(links).toContain('Orientations reçues');
    for (const staff of ['Dossiers', 'Mon suivi', 'Demandes de TGD', 'TGD attribués'])
      expect(links).not.toContain(staff);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('console-partner-inbox.png'), fullPage: true });

    // The case page sends it home; the API refuses it the case.
    await page.goto(`${base}/cases/${kase.id}`);
    await page.waitForURL(`${base}/referrals`);
    const token = await page.evaluate(() => sessionStorage.getItem('tgd.devToken'));
    const refused = await fetch(`${base}/api/v1/cases/${kase.id}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(refused.status).toBe(403);

    await inbox.getByRole('link', { name: kase.reference }).click();
    await page.getByRole('heading', { name: `Orientation ${kase.reference}` }).waitFor();
    const shared = page.getByRole('region', { name: 'Informations transmises' });
    await shared.getByRole('cell', { name: 'Camille' }).waitFor();
    expect(await shared.textContent()).not.toContain('Martin');
    expect(await page.getByText('Non transmis').count()).toBe(1); // the phone was not ticked
    await page.getByRole('button', { name: 'Accepter' }).click();
    await page.getByText('Acceptée', { exact: true }).first().waitFor();

    await page.getByRole('button', { name: 'Enregistrer un rendez-vous' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rendez-vous' });
    await dialog.getByLabel('Date et heure').fill('2026-12-02T10:00');
    await dialog.getByRole('button', { name: 'Enregistrer un rendez-vous' }).click();
    await dialog.waitFor({ state: 'detached' });
    const appointments = page.getByRole('region', { name: 'Rendez-vous' });
    await appointments.getByRole('cell', { name: 'Premier entretien' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('shows the coordinator the referral accepted, with its history', async () => {
    const page = coordinatorPage;
    await page.reload();
    await panel().getByRole('cell', { name: 'Acceptée' }).waitFor();
    await panel()
      .getByText(/Rendez-vous enregistré/)
      .waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: screenshotPath('console-referral.png'), fullPage: true });
  });

  it("ends the partner's access when the consent is withdrawn", async () => {
    await consent(PSY, false);
    const page = partnerPage;
    await page.reload();
    await page.getByText(/ne vous est plus accessible/).waitFor();
    await page.goto(`${base}/referrals`);
    await page.getByText('Aucune orientation pour votre organisation.').waitFor();
    await coordinatorPage.reload();
    await until(
      'the coordinator to see it ended',
      async () => (await panel().getByText('Arrêtée : consentement retiré').count()) > 0,
    );
  });
});
