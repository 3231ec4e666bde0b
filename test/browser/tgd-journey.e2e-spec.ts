import { randomUUID } from 'node:crypto';

import { Browser, Page } from 'playwright-core';

import {
  arrivesAt,
  choose,
  describeInBrowser,
  hasAttribute,
  launchChromium,
  screenshotPath,
  signIn,
  until,
} from '../support/browser';
import { eventually, FcmServer, startFcmServer } from '../support/fcm';
import { listen } from '../support/sse';
import { startTestApp, TestApp } from '../support/test-app';
import { as, registerDevice } from '../support/tgd-journey';

/** The brief's worked example 2 (§2): threat to kill, firearm, separation; everything else "no". */
const WORKED_EXAMPLE_2 = [
  /menacé de vous tuer/,
  /Possède-t-il des armes à feu/,
  /Êtes-vous séparés/,
];

/**
 * The whole journey of issue #16 in Chromium, each person in their own browser: a coordinator opens
 * the case and fills the French grid, the prosecutor is pushed the request and grants it, the
 * coordinator hands over a phone, and the operators' board answers the victim's first alarm.
 */
describeInBrowser('from a new case to a phone in the victim’s hands, in the browser', () => {
  let fcm: FcmServer;
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let coordinator: Page;
  let prosecutor: Page;
  let operator: Page;
  let device: { id: string; serialNumber: string };
  const prosecutorPhone = `prosecutor-82-phone-${'j'.repeat(24)}`;
  let caseId: string;
  let reference: string;

  const page = async (subject: string, roles: string[]) => {
    const context = await browser.newContext({
      locale: 'fr-FR',
      viewport: { width: 1400, height: 900 },
    });
    const opened = await context.newPage();
    await signIn(opened, base, { subject, roles });
    return opened;
  };

  beforeAll(async () => {
    fcm = await startFcmServer();
    t = await startTestApp({ env: fcm.env });
    base = await listen(t);
    device = await registerDevice(t);
    // The prosecutor's phone, registered as the mobile app does.
    const registered = await t.http
      .post('/api/v1/me/push-tokens')
      .set(await as(t, 'prosecutor'))
      .send({ token: prosecutorPhone, platform: 'android' });
    expect(registered.status).toBe(201);
    browser = await launchChromium();
    coordinator = await page('coordinator@FR-82', ['coordinator']);
    prosecutor = await page('prosecutor@FR-82', ['prosecutor']);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await fcm?.stop();
  });

  it('the coordinator opens the case: victim, consent, author with a firearm and a contact ban', async () => {
    await coordinator.waitForURL(`${base}/worklist`);
    await coordinator.getByRole('link', { name: 'Nouveau dossier' }).click();
    await coordinator.getByRole('heading', { level: 2, name: 'Nouveau dossier' }).waitFor();
    const group = (name: string) => coordinator.getByRole('group', { name, exact: true });
    const select = async (scope: ReturnType<Page['locator']>, label: RegExp, option: string) => {
      await scope.getByRole('combobox', { name: label }).click();
      await coordinator.getByRole('option', { name: option, exact: true }).click();
    };

    const victim = group('Victime');
    await victim.getByLabel(/^Nom/).fill('Martin');
    await victim.getByLabel('Prénom').fill('Camille');
    await victim.getByLabel('Téléphone').fill('+33612345678');
    const address = group('Adresse de la victime');
    await address.getByLabel('Adresse', { exact: true }).fill('3 rue des Lilas');
    await address.getByLabel('Code postal').fill('82000');
    await address.getByLabel('Commune').fill('Montauban');
    await coordinator
      .getByRole('button', { name: 'Ajouter un consentement ou un retrait' })
      .click();
    await select(group('Nouvelle entrée du registre 1'), /^Objet/, "Attribution d'un TGD");

    const author = group('Auteur');
    await author.getByLabel('Nom', { exact: true }).fill('Moreau');
    await author.getByLabel('Prénom').fill('Julien');
    await author.getByRole('radio', { name: 'Non' }).check(); // does not live with the victim
    await author.getByRole('checkbox', { name: 'Arme à feu non déclarée' }).check();
    await coordinator.getByRole('button', { name: 'Ajouter une mesure judiciaire' }).click();
    const measure = group('Mesure 1');
    await select(measure, /^Mesure/, 'Interdiction de contact');
    const today = new Date();
    const inMonths = (months: number) =>
      new Date(today.getFullYear(), today.getMonth() + months, today.getDate())
        .toISOString()
        .slice(0, 10);
    await measure.getByLabel(/^Prononcée le/).fill(inMonths(-1));
    await measure.getByLabel("Jusqu'au").fill(inMonths(6));

    await coordinator.getByRole('button', { name: 'Ouvrir le dossier' }).click();
    await coordinator.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    caseId = coordinator.url().split('/').pop()!;
    const stored = await t.http.get(`/api/v1/cases/${caseId}`).set(await as(t, 'coordinator'));
    expect(stored.body).toMatchObject({
      status: 'open',
      coordinatorId: 'coordinator@FR-82',
      victim: { lastName: 'Martin', consents: [{ purpose: 'tgd_allocation', given: true }] },
      author: { lastName: 'Moreau', livesWithVictim: false },
    });
    reference = stored.body.reference;
  });

  it('fills the French grid with the worked example 2, and sees the highest level and the rule that forced it', async () => {
    await coordinator.getByRole('button', { name: 'Nouvelle évaluation' }).click();
    // The dialog settles with the focus on its first field, then the list is opened.
    const instrument = coordinator.getByRole('combobox', { name: /^Instrument/ });
    await until('the instrument field focused', () =>
      instrument.evaluate((el) => el === document.activeElement),
    );
    await choose(
      coordinator,
      instrument,
      /Grille d'évaluation du danger \(police et gendarmerie, 2019\)/,
    );
    expect(await instrument.inputValue()).toContain("Grille d'évaluation du danger");
    await coordinator.getByRole('button', { name: 'Commencer' }).click();
    await arrivesAt(coordinator, /\/assessments\/[0-9a-f-]{36}$/);
    // Every yes/no item of the grid, all on one page (the contact item is free text).
    const questions = coordinator.getByRole('main').getByRole('radiogroup');
    const count = 23;
    await until('the grid’s 23 questions', async () => (await questions.count()) === count);
    for (let i = 0; i < count; i++)
      await questions.nth(i).getByRole('radio', { name: 'Non', exact: true }).check();
    for (const item of WORKED_EXAMPLE_2)
      await coordinator
        .getByRole('radiogroup', { name: item })
        .getByRole('radio', { name: 'Oui', exact: true })
        .check();
    await until('every answer saved', async () =>
      /^Enregistré à/.test((await coordinator.getByTestId('save-status').textContent()) ?? ''),
    );
    await coordinator.getByRole('button', { name: "Valider l'évaluation" }).click();
    await coordinator.getByRole('heading', { name: 'Niveau de danger' }).waitFor();
    expect(await coordinator.getByRole('main').textContent()).toContain('Danger grave et imminent');
    // The rule that forced the level comes first, marked as such.
    const first = coordinator.getByTestId('fired-rules').locator('tbody tr').first();
    expect(await first.textContent()).toContain('A fixé le niveau');
    await coordinator.screenshot({
      path: screenshotPath('console-journey-result.png'),
      fullPage: true,
    });
  });

  it('files the TGD request; the prosecutor is pushed it, names no one, and sees it counted', async () => {
    await coordinator.goto(`${base}/cases/${caseId}`);
    const panel = coordinator.getByTestId('case-tgd');
    await panel.getByTestId('measures').waitFor();
    await panel.getByRole('button', { name: 'Demander un TGD' }).click();
    await coordinator.getByLabel('Note au parquet').fill('Menaces de mort depuis la séparation.');
    await coordinator.getByRole('button', { name: 'Envoyer la demande' }).click();
    await coordinator.getByText('La demande est transmise au parquet.').waitFor();

    const pushed = async () => (await fcm.messages()).filter((m) => m.data.type === 'tgd-request');
    await eventually(async () =>
      expect((await pushed()).map((m) => m.token)).toEqual([prosecutorPhone]),
    );
    expect(JSON.stringify(await pushed())).not.toMatch(/Camille|Martin|Moreau|Lilas|\+336/);

    // Heard from the service's live feed: no reload, no focus, no polling.
    await prosecutor.bringToFront();
    await until('the pending count', async () =>
      /1/.test(
        (await prosecutor
          .getByTestId('pending-requests')
          .textContent()
          .catch(() => '')) ?? '',
      ),
    );
  });

  it('the prosecutor reads the report from the queue and grants the phone', async () => {
    await prosecutor.getByRole('link', { name: /^Demandes de TGD/ }).click();
    const row = prosecutor.getByTestId('request-row').first();
    await row.waitFor();
    expect(await row.textContent()).toContain('Danger grave et imminent');
    const [report] = await Promise.all([
      prosecutor.waitForResponse((r) => r.url().includes('/report.pdf')),
      prosecutor
        .getByRole('button', { name: `Rapport d'évaluation du dossier ${reference} (PDF)` })
        .click(),
    ]);
    expect(report.status()).toBe(200);
    expect(report.headers()['content-type']).toContain('application/pdf');

    await prosecutor
      .getByRole('link', { name: `Ouvrir la demande du dossier ${reference}` })
      .click();
    await prosecutor.getByRole('button', { name: 'Accorder', exact: true }).click();
    const dialog = prosecutor.getByRole('dialog', { name: 'Accorder le téléphone grave danger' });
    await dialog
      .getByLabel('Motifs de la décision')
      .fill('Danger grave et imminent ; interdiction de contact en vigueur.');
    await dialog.getByRole('button', { name: /Accorder/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await until(
      'the decision shown',
      async () => ((await prosecutor.getByTestId('status').textContent()) ?? '') === 'Accordée',
    );
  });

  it('the coordinator hands over a phone, and the operators’ board answers its first alarm', async () => {
    await coordinator.goto(`${base}/cases/${caseId}`);
    const panel = coordinator.getByTestId('case-tgd');
    await panel.getByRole('button', { name: 'Remettre un téléphone' }).click();
    const handOver = coordinator.getByRole('dialog', { name: 'Remettre un téléphone du stock' });
    await handOver.getByRole('combobox', { name: /Téléphone du stock de FR-82/ }).click();
    await coordinator.getByRole('option', { name: new RegExp(device.serialNumber) }).click();
    await handOver.getByRole('button', { name: 'Remettre ce téléphone' }).click();
    await handOver.waitFor({ state: 'hidden' });
    await until('the phone in hand', async () =>
      ((await panel.getByTestId('device-in-hand').textContent()) ?? '').includes(
        device.serialNumber,
      ),
    );
    await coordinator.screenshot({
      path: screenshotPath('console-journey-case.png'),
      fullPage: true,
    });

    operator = await page('operator@FR-82', ['operator']);
    await operator.waitForURL(`${base}/board`);
    await hasAttribute(operator.getByTestId('feed-status'), 'data-status', 'live');
    const distress = await t.http
      .post('/api/v1/device-events')
      .set(await as(t, 'gateway'))
      .send({
        eventId: randomUUID(),
        device: device.serialNumber,
        type: 'distress',
        occurredAt: new Date().toISOString(),
        location: { lat: 44.0176, lon: 1.355, accuracy: 25 },
      });
    expect(distress.status).toBe(201);
    const alarm = operator.locator(`[data-alarm-id="${distress.body.alarmId}"]`);
    await hasAttribute(alarm, 'data-status', 'open');
    await until('the victim named on the board', async () =>
      ((await alarm.textContent()) ?? '').includes('Camille Martin'),
    );
  });
});
