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

/** `YYYY-MM-DD`, `days` from today in the browser's (and this machine's) day. */
function dayFromToday(days: number): string {
  const at = new Date(Date.now() + days * 86_400_000);
  return new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

/**
 * Emergency housing in Chromium (issue #17): a coordinator asks for a place for a victim and her
 * two children from the case; the housing partner, signed in as `partner` of its organisation,
 * sees the waiting list, allocates the emergency flat, then releases it; the nights used show; a
 * second request waits while the flat is full.
 */
describeInBrowser('emergency housing in a real browser', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let coordinator: Page;
  let partner: Page;
  let kase: { id: string; reference: string };
  let other: { id: string };

  beforeAll(async () => {
    t = await startTestApp();
    base = await listen(t);
    const admin = await as(t, 'admin');
    const flat = await t.http.post('/api/v1/housing/places').set(admin).send({
      partnerId: 'tarn-et-garonne-habitat',
      jurisdiction: 'FR-82',
      kind: 'emergency_flat',
      name: "Appartement d'urgence de Montauban",
      municipality: 'Montauban',
      capacity: 1,
      capacityUnit: 'rooms',
      address: '12 rue de la République, 82000 Montauban',
    });
    expect(flat.status).toBe(201);
    const coordinatorToken = await as(t, 'coordinator');
    kase = (await t.http.post('/api/v1/cases').set(coordinatorToken).send(newCase())).body;
    other = (
      await t.http
        .post('/api/v1/cases')
        .set(coordinatorToken)
        .send(newCase('FR-82', { victim: { ...newCase().victim, firstName: 'Inès' } }))
    ).body;

    browser = await launchChromium();
    coordinator = await (
      await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } })
    ).newPage();
    await signIn(coordinator, base, { subject: 'coordinator@FR-82', roles: ['coordinator'] });

    // The housing provider's staff, signed in as a partner naming its organisation.
    partner = await (
      await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } })
    ).newPage();
    await signIn(partner, base, {
      subject: 'hebergement@tgh',
      roles: ['partner'],
      partnerOrganisationId: 'tarn-et-garonne-habitat',
    });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('lets the coordinator ask for a place for the victim and her two children from the case', async () => {
    await coordinator.goto(`${base}/cases/${kase.id}`);
    const panel = coordinator.getByRole('region', { name: "Hébergement d'urgence" });
    await panel.getByRole('button', { name: 'Demander un hébergement' }).click();
    const dialog = coordinator.getByRole('dialog', { name: "Demander un hébergement d'urgence" });
    await dialog.getByLabel("Enfants qui l'accompagnent").fill('2');
    // She arrived three nights ago: the flat was found that evening.
    await dialog.getByLabel('À partir du').fill(dayFromToday(-3));
    await dialog.getByLabel('Nombre de nuits').fill('5');
    await dialog.getByLabel('Votre téléphone').fill('+33563000000');
    expect(await seriousAccessibilityViolations(coordinator)).toEqual([]);
    await dialog.getByRole('button', { name: 'Envoyer la demande' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = panel.getByTestId('housing-request');
    await row.getByText('Camille et 2 enfants').waitFor();
    await row.getByText('En attente').waitFor();

    // A second household asks for tonight, through the API.
    const second = await t.http
      .post(`/api/v1/cases/${other.id}/housing-requests`)
      .set(await as(t, 'coordinator'))
      .send({ children: 1, from: dayFromToday(0), nights: 2, urgency: 'within_days' });
    expect(second.status).toBe(201);
  });

  it('shows the partner the waiting list; the partner allocates the flat, and the second request waits while it is full', async () => {
    await partner.goto(`${base}/housing`);
    await partner.getByRole('heading', { name: "Hébergement d'urgence", level: 2 }).waitFor();
    const waiting = partner.getByRole('region', { name: "Liste d'attente" });
    await waiting.getByText('Camille et 2 enfants').waitFor();
    await waiting.getByText('Inès et 1 enfant').waitFor();
    // Nothing of the case: no reference, no last name.
    expect(await partner.getByText(kase.reference).count()).toBe(0);
    expect(await partner.getByText('Martin').count()).toBe(0);
    await waiting.getByText('+33563000000').waitFor();
    expect(await seriousAccessibilityViolations(partner)).toEqual([]);

    await waiting.getByRole('button', { name: 'Attribuer une place à Camille' }).click();
    let dialog = partner.getByRole('dialog', { name: 'Attribuer une place' });
    await dialog.getByLabel('Place').click();
    await partner.getByRole('option', { name: /Appartement d'urgence de Montauban/ }).click();
    await dialog.getByRole('button', { name: 'Attribuer' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const housed = partner.getByRole('region', { name: 'Hébergements en cours' });
    await housed.getByText('Camille et 2 enfants').waitFor();
    await partner
      .getByRole('region', { name: 'Vos places' })
      .getByTestId('occupancy')
      .getByText('1 / 1 chambre(s)')
      .waitFor();

    // The flat is full: the second household cannot have it, and stays on the waiting list.
    await waiting.getByRole('button', { name: 'Attribuer une place à Inès' }).click();
    dialog = partner.getByRole('dialog', { name: 'Attribuer une place' });
    await dialog.getByLabel('Place').click();
    await partner.getByRole('option', { name: /Appartement d'urgence de Montauban/ }).click();
    await dialog.getByRole('button', { name: 'Attribuer' }).click();
    await dialog
      .getByTestId('allocate-problem')
      .getByText(/La place serait pleine/)
      .waitFor();
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await waiting.getByText('Inès et 1 enfant').waitFor();
    expect(await waiting.getByText('Camille et 2 enfants').count()).toBe(0);
    expect(await seriousAccessibilityViolations(partner)).toEqual([]);
    await partner.screenshot({ path: screenshotPath('console-housing.png'), fullPage: true });

    // The coordinator sees where she is housed, with the address.
    await coordinator.reload();
    const row = coordinator.getByTestId('housing-request');
    await row.getByText('Hébergée').first().waitFor();
    await row.getByText('12 rue de la République, 82000 Montauban').waitFor();
  });

  it('releases the flat this morning: three nights used, shown to both', async () => {
    const housed = partner.getByRole('region', { name: 'Hébergements en cours' });
    await housed.getByRole('button', { name: 'Libérer la place de Camille' }).click();
    const dialog = partner.getByRole('dialog', { name: 'Libérer la place' });
    await dialog.getByRole('button', { name: 'Libérer' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await until(
      'the stay to leave the list',
      async () => (await housed.getByText('Camille et 2 enfants').count()) === 0,
    );
    const statistics = partner.getByTestId('housing-statistics');
    await statistics
      .getByRole('row', { name: /Appartement d'urgence de Montauban.* 3$/ })
      .waitFor();

    await coordinator.reload();
    const row = coordinator.getByTestId('housing-request');
    await row.getByText('Place libérée').waitFor();
    await row.getByText('3 nuitées utilisées').waitFor();
    expect(await seriousAccessibilityViolations(coordinator)).toEqual([]);
  });
});
