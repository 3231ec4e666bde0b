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
import { startTestApp, TestApp } from '../support/test-app';

/** The network directory (issue #17): searched by staff, edited by an admin, read by a partner. */
describeInBrowser('network directory in a real browser', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestApp();
    base = await listen(t);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const newPage = async () => (await browser.newContext({ locale: 'fr-FR' })).newPage();
  const cards = (page: Page) => page.getByTestId('partner');
  const names = async (page: Page) =>
    (await cards(page).getByRole('heading', { level: 3 }).allTextContents()).map((s) => s.trim());
  const choose = async (page: Page, label: string, option: string) => {
    await page.getByRole('combobox', { name: new RegExp(`^${label}`) }).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  };
  const counted = (page: Page, text: string) =>
    until(`the count "${text}"`, async () => {
      return (await page.getByTestId('partner-count').textContent()) === text;
    });

  it('lets a coordinator find FR-82’s psychologist and a STOPP VIF municipality’s referent', async () => {
    const page = await newPage();
    await signIn(page, base, {
      subject: 'coordinator@FR-82',
      roles: ['coordinator'],
      jurisdictions: ['*'],
    });
    await page.getByRole('link', { name: 'Annuaire du réseau' }).click();
    await page.getByRole('heading', { name: 'Annuaire du réseau', level: 2 }).waitFor();
    await counted(page, '23 partenaires');

    await choose(page, 'Type de partenaire', 'Psychologue');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await counted(page, '1 partenaire');
    expect(await names(page)).toEqual(['Psychologue de la coordination VIF']);
    expect(await cards(page).first().getByText('Soutien psychologique').count()).toBe(1);

    await choose(page, 'Type de partenaire', 'Commune');
    await page.getByLabel('Commune ou code postal').fill('flemalle');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await until(
      'the municipality of Flémalle',
      async () => (await names(page)).join() === 'Commune de Flémalle — référent VIF',
    );
    const referents = cards(page).first().getByTestId('referents');
    expect(await referents.textContent()).toMatch(
      /Claire Dubois — Référent·e VIF communal·e \(Flémalle\)/,
    );
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('lets an admin add a partner, which then appears in the directory', async () => {
    const page = await newPage();
    await signIn(page, base, { subject: 'admin@FR-82', roles: ['admin'] });
    await page.goto(`${base}/network`);
    await counted(page, '9 partenaires');
    await page.getByRole('button', { name: 'Ajouter un partenaire' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: /^Réseau/ }).click();
    await page
      .getByRole('option', { name: 'Coordination départementale VIF de Tarn-et-Garonne' })
      .click();
    await dialog.getByRole('textbox', { name: /^Identifiant/ }).fill('planning-familial-82');
    await dialog.getByRole('textbox', { name: /^Nom\s*\*?$/ }).fill('Planning familial 82');
    await dialog.getByRole('combobox', { name: /^Type de partenaire/ }).click();
    await page.getByRole('option', { name: 'Santé', exact: true }).click();
    await dialog.getByLabel('Intitulé du contact').fill('Accueil');
    await dialog.getByLabel('Téléphone', { exact: true }).fill('+33 5 63 11 11 11');
    await dialog.getByLabel('Nom du référent').fill('Dr Martin');
    await dialog.getByLabel('Fonction', { exact: true }).fill('Médecin référente');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await counted(page, '10 partenaires');
    expect(await names(page)).toContain('Planning familial 82');
    const added = await t.http
      .get('/api/v1/partners/planning-familial-82')
      .set({ Authorization: `Bearer ${await t.token('admin')}` });
    expect(added.body).toMatchObject({
      kind: 'health',
      source: 'api',
      referents: [{ name: 'Dr Martin', role: 'Médecin référente' }],
    });
    await page.context().close();
  });

  it('shows a partner user the directory and nothing else of the service', async () => {
    const page = await newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${base}/signin`);
    await page.getByLabel('Identifiant').fill('juriste.cidff');
    await page.getByRole('checkbox', { name: 'Opérateur' }).click();
    await page.getByRole('checkbox', { name: 'Partenaire' }).click();
    await page.getByLabel('Organisation partenaire').fill('cidff-82');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByTestId('signed-in').waitFor();

    const nav = page.getByRole('navigation', { name: /./ });
    await nav.getByRole('link', { name: 'Annuaire du réseau' }).waitFor();
    for (const staff of ['Dossiers', 'Mon suivi', 'Tableau des alarmes', 'Demandes de TGD'])
      expect(await nav.getByRole('link', { name: staff }).count()).toBe(0);

    await page.goto(`${base}/cases`);
    await until('sent away from the cases', async () => !page.url().includes('/cases'));

    await page.goto(`${base}/network`);
    // FR-82's nine seeded partners and the one the admin added above.
    await counted(page, '10 partenaires');
    expect(await page.getByRole('button', { name: 'Ajouter un partenaire' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Modifier' }).count()).toBe(0);
    expect(await names(page)).not.toContain('Atelier enfants « La cabane »');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('console-network.png'), fullPage: false });
    await page.context().close();
  });
});
