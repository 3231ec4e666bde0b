import { Browser, BrowserContext, Page } from 'playwright-core';

import {
  describeInBrowser,
  hasAttribute,
  isFocused,
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
 * A coordinator's case file in Chromium (issue #16): opened with victim, consents, author and
 * children; a refusal of the service shown beside its field; edited with a consent withdrawal that
 * joins the history; listed; out of reach of another jurisdiction; opened with the keyboard alone.
 */
describeInBrowser('the case file in a real browser', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let caseId: string;
  let reference: string;

  beforeAll(async () => {
    t = await startTestApp();
    base = await listen(t);
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    await signIn(page, base, {
      subject: 'coord-82',
      roles: ['coordinator'],
      jurisdictions: ['FR-82'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** Every panel read (axe is run on a page at rest, not on the other panels' loaders). */
  const settled = (p: Page) =>
    until('the panels loaded', async () => (await p.locator('.mantine-Loader-root').count()) === 0);

  const group = (p: Page, name: string) => p.getByRole('group', { name, exact: true });
  const select = async (
    p: Page,
    scope: ReturnType<Page['locator']>,
    label: RegExp,
    option: string,
  ) => {
    await scope.getByRole('combobox', { name: label }).click();
    await p.getByRole('option', { name: option, exact: true }).click();
  };

  it('opens a case with victim, consent, author and children; the service’s refusal shows beside its field', async () => {
    await page.getByRole('link', { name: 'Dossiers', exact: true }).click();
    await page.waitForURL(`${base}/cases`);
    await page.getByRole('link', { name: 'Nouveau dossier' }).click();
    await page.waitForURL(`${base}/cases/new`);
    await page.getByRole('heading', { level: 2, name: 'Nouveau dossier' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    const victim = group(page, 'Victime');
    await victim.getByLabel(/^Nom/).fill('Martin');
    await victim.getByLabel('Prénom').fill('Camille');
    await victim.getByLabel('Date de naissance').fill('1988-05-17');
    // The console checks the shape (+ and digits); the service also refuses a country code 0.
    await victim.getByLabel('Téléphone').fill('+0612345678');
    const address = group(page, 'Adresse de la victime');
    await address.getByLabel('Adresse', { exact: true }).fill('12 rue de la République');
    await address.getByLabel('Code postal').fill('82000');
    await address.getByLabel('Commune').fill('Montauban');

    await page.getByRole('button', { name: 'Ajouter un consentement ou un retrait' }).click();
    const consent = group(page, 'Nouvelle entrée du registre 1');
    await select(page, consent, /^Objet/, "Attribution d'un TGD");

    const author = group(page, 'Auteur');
    await author.getByLabel('Nom', { exact: true }).fill('Moreau');
    await author.getByLabel('Prénom').fill('Julien');
    await author
      .getByLabel('Signalement')
      .fill('Environ 1,85 m, cheveux bruns ; conduit une Clio grise.');
    await author.getByRole('radio', { name: 'Non' }).check();
    await author.getByRole('checkbox', { name: 'Arme à feu déclarée' }).check();
    await page.getByRole('button', { name: 'Ajouter une mesure judiciaire' }).click();
    const measure = group(page, 'Mesure 1');
    await select(page, measure, /^Mesure/, 'Interdiction de contact');
    await measure.getByLabel(/^Prononcée le/).fill('2026-02-10');
    await measure.getByLabel("Jusqu'au").fill('2026-08-10');
    await measure
      .getByLabel('Référence (juridiction, parquet)')
      .fill('Parquet de Montauban 26/045/123');

    for (const [n, name, age] of [
      [1, 'Léa', '7'],
      [2, 'Tom', '4'],
    ] as const) {
      await page.getByRole('button', { name: 'Ajouter un enfant' }).click();
      const child = group(page, `Enfant ${n}`);
      await child.getByLabel("Prénom de l'enfant").fill(name);
      await child.getByLabel(/^Âge/).fill(age);
    }
    await group(page, 'Enfant 2').getByRole('checkbox', { name: 'Victime directe' }).check();

    await page.getByRole('button', { name: 'Ouvrir le dossier' }).click();
    // The service's problem names victim.phone: its message stands under the phone, which has the focus.
    const phone = victim.getByLabel('Téléphone');
    await victim.getByText('Numéro au format international, par exemple +33612345678.').waitFor();
    await hasAttribute(phone, 'aria-invalid', 'true');
    await until('the focus on the phone', () => isFocused(phone));
    expect(page.url()).toBe(`${base}/cases/new`);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('console-case-form.png'), fullPage: true });

    await phone.fill('+33 6 12 34 56 78');
    await page.getByRole('button', { name: 'Ouvrir le dossier' }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    caseId = page.url().split('/').pop()!;

    const stored = await t.http.get(`/api/v1/cases/${caseId}`).set(await as(t, 'coordinator'));
    reference = stored.body.reference;
    expect(stored.body.victim).toMatchObject({
      lastName: 'Martin',
      firstName: 'Camille',
      dateOfBirth: '1988-05-17',
      phone: '+33612345678',
      address: {
        line1: '12 rue de la République',
        postalCode: '82000',
        city: 'Montauban',
        country: 'FR',
      },
      consents: [
        { purpose: 'tgd_allocation', given: true, how: 'in_person', recordedBy: 'coord-82' },
      ],
    });
    expect(stored.body.author).toMatchObject({
      lastName: 'Moreau',
      firstName: 'Julien',
      livesWithVictim: false,
      knownWeapons: ['firearm_declared'],
      judicialMeasures: [{ type: 'contact_ban', issuedAt: '2026-02-10', expiresAt: '2026-08-10' }],
    });
    // Each child has its own id (issue #17), its age given today, and as yet no follow-up.
    const today = new Date().toISOString().slice(0, 10);
    expect(stored.body.children).toEqual([
      {
        id: expect.any(String),
        firstName: 'Léa',
        age: 7,
        ageGivenOn: today,
        exposed: true,
        victim: false,
        followUp: [],
      },
      {
        id: expect.any(String),
        firstName: 'Tom',
        age: 4,
        ageGivenOn: today,
        exposed: true,
        victim: true,
        followUp: [],
      },
    ]);

    // The case page: reference and status at the top, the file in French words.
    await page.getByRole('heading', { level: 2, name: `Dossier ${reference}` }).waitFor();
    const main = page.getByRole('main');
    await main.getByText('Ouvert', { exact: true }).first().waitFor();
    for (const text of [
      'Arme à feu déclarée',
      'Interdiction de contact',
      'MARTIN Camille',
      '7 ans',
    ])
      await main.getByText(text).first().waitFor();
    // The file, then the panels of the other capabilities, in this order.
    const order = await page.evaluate(() =>
      ['case-panel-file', 'case-panel-assessments', 'case-panel-tgd', 'case-panel-obligations'].map(
        (id) => document.getElementById(id)?.getBoundingClientRect().top ?? -1,
      ),
    );
    expect(order.every((top, i) => top >= 0 && (i === 0 || top > order[i - 1]))).toBe(true);
  });

  it('adds a consent withdrawal on edit, sending only what changed, and shows the history', async () => {
    await page.goto(`${base}/cases/${caseId}`);
    await page.getByRole('link', { name: 'Modifier' }).click();
    await page.waitForURL(`${base}/cases/${caseId}/edit`);
    await page
      .getByRole('heading', { level: 2, name: `Modifier le dossier ${reference}` })
      .waitFor();
    // The stored record is shown read-only; a new entry is added to it.
    await page.getByRole('table', { name: 'Historique des consentements' }).waitFor();
    await page.getByRole('button', { name: 'Ajouter un consentement ou un retrait' }).click();
    const consent = group(page, 'Nouvelle entrée du registre 1');
    await select(page, consent, /^Objet/, "Attribution d'un TGD");
    await select(page, consent, /^Réponse/, 'Refus ou retrait');
    await select(page, consent, /^Recueilli/, 'Par téléphone');
    await consent.getByLabel('Note').fill('Ne souhaite plus le téléphone.');
    const patches: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'PATCH') patches.push(request.postData() ?? '');
    });
    await page.getByRole('button', { name: 'Enregistrer le dossier' }).click();
    await page.waitForURL(`${base}/cases/${caseId}`);

    const history = page.getByRole('table', { name: 'Historique des consentements' });
    await until(
      'two entries in the history',
      async () => (await history.locator('tbody tr').count()) === 2,
    );
    const last = history.locator('tbody tr').nth(1);
    for (const text of [
      'Refus ou retrait',
      'Par téléphone',
      'coord-82',
      'Ne souhaite plus le téléphone.',
    ])
      expect(await last.textContent()).toContain(text);
    await page
      .getByRole('listitem')
      .filter({ hasText: "Attribution d'un TGD : Refus ou retrait" })
      .waitFor();
    expect(patches).toHaveLength(1);
    const sent = JSON.parse(patches[0]);
    expect(Object.keys(sent)).toEqual(['victim', 'expectedVersion']);
    expect(Object.keys(sent.victim)).toEqual(['consents']);
    await settled(page);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('console-case.png'), fullPage: true });
  });

  it('says when someone else changed the case meanwhile, and reloads it', async () => {
    await page.goto(`${base}/cases/${caseId}/edit`);
    const phone = group(page, 'Victime').getByLabel('Téléphone');
    await until(
      'the stored phone in the form',
      async () => (await phone.inputValue()) === '+33612345678',
    );
    // Another coordinator changes the phone while this form is open.
    const other = await t.http
      .patch(`/api/v1/cases/${caseId}`)
      .set(await as(t, 'coordinator'))
      .send({ victim: { phone: '+33687654321' } });
    expect(other.status).toBe(200);
    await group(page, 'Victime').getByLabel('Prénom').fill('Camille-Anne');
    await page.getByRole('button', { name: 'Enregistrer le dossier' }).click();
    await page
      .getByText("Quelqu'un a modifié ce dossier depuis que vous l'avez ouvert.", { exact: false })
      .waitFor();
    await page.getByRole('button', { name: 'Recharger le dossier' }).click();
    await until(
      'the other change in the form',
      async () => (await phone.inputValue()) === '+33687654321',
    );
    const stored = await t.http.get(`/api/v1/cases/${caseId}`).set(await as(t, 'coordinator'));
    expect(stored.body.victim.firstName).toBe('Camille');
  });

  it('lists the case, and filters by status', async () => {
    await page.getByRole('link', { name: 'Dossiers', exact: true }).click();
    await page.waitForURL(`${base}/cases`);
    const link = page.getByRole('link', { name: reference });
    await link.waitFor();
    expect(await page.getByRole('row', { name: new RegExp(reference) }).textContent()).toContain(
      'MARTIN Camille',
    );
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('combobox', { name: 'État' }).click();
    await page.getByRole('option', { name: 'Clos', exact: true }).click();
    await until('the open case filtered out', async () => (await link.count()) === 0);
    await page.getByText('Aucun dossier ne correspond.').waitFor();
  });

  it('closes a case by a decision, its reason code and words given in a dialog; a closed case is no longer edited', async () => {
    const created = await t.http
      .post('/api/v1/cases')
      .set(await as(t, 'coordinator'))
      .send(newCase());
    await page.goto(`${base}/cases/${created.body.id}`);
    await page.getByRole('button', { name: 'Clore le dossier' }).click();
    const dialog = page.getByRole('dialog', { name: `Clore le dossier ${created.body.reference}` });
    await dialog.waitFor();
    // A decision: its reason code first, then its words.
    const code = dialog.getByRole('combobox', { name: /^Motif de clôture/ });
    await until('the focus in the dialog', () => isFocused(code));
    await dialog.getByRole('button', { name: 'Clore', exact: true }).click();
    await dialog.getByText('Indiquez le motif (3 caractères au moins).').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await code.click();
    await page
      .getByRole('option', { name: 'La victime a quitté le territoire', exact: true })
      .click();
    const reason = dialog.getByLabel(/^Décision/);
    await reason.fill('Suivi transmis au parquet de Toulouse.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await page
      .getByRole('alert')
      .filter({ hasText: 'Suivi transmis au parquet de Toulouse.' })
      .waitFor();
    await page
      .getByRole('region', { name: 'Historique' })
      .getByRole('row', { name: /Clôture : La victime a quitté le territoire/ })
      .waitFor();
    expect(await page.getByRole('link', { name: 'Modifier' }).count()).toBe(0);
    const stored = await t.http
      .get(`/api/v1/cases/${created.body.id}`)
      .set(await as(t, 'coordinator'));
    expect(stored.body).toMatchObject({
      status: 'closed',
      closeReasonCode: 'victim_moved_away',
      closeReason: 'Suivi transmis au parquet de Toulouse.',
    });
  });

  it('is out of reach of a coordinator of another jurisdiction', async () => {
    const other = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    await signIn(other, base, {
      subject: 'coord-31',
      roles: ['coordinator'],
      jurisdictions: ['FR-31'],
    });
    await until('signed in for FR-31 only', async () => {
      const shown = await other.locator('body').innerText();
      return shown.includes('FR-31') && !shown.includes('FR-82');
    });
    await other.goto(`${base}/cases/${caseId}`);
    await other.getByText("Ce dossier n'existe pas ou n'est pas dans vos ressorts.").waitFor();
    expect(await other.getByRole('heading', { name: new RegExp(reference) }).count()).toBe(0);
    await other.goto(`${base}/cases`);
    await other.getByText('0 dossier').waitFor();
    await other.context().close();
  });

  it('opens a minimal case with the keyboard alone, the focus sent to the missing name', async () => {
    const keyboard = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    await signIn(keyboard, base, {
      subject: 'coord-82b',
      roles: ['coordinator'],
      jurisdictions: ['FR-82'],
    });
    await keyboard.goto(`${base}/cases`);
    await keyboard.getByRole('heading', { level: 2, name: 'Dossiers' }).waitFor();
    const tabTo = async (target: ReturnType<Page['locator']>) => {
      for (let i = 0; i < 80 && !(await isFocused(target)); i++)
        await keyboard.keyboard.press('Tab');
      expect(await isFocused(target)).toBe(true);
    };
    await tabTo(keyboard.getByRole('link', { name: 'Nouveau dossier' }));
    await keyboard.keyboard.press('Enter');
    await keyboard.waitForURL(`${base}/cases/new`);
    const submit = keyboard.getByRole('button', { name: 'Ouvrir le dossier' });
    await tabTo(submit);
    await keyboard.keyboard.press('Enter');
    // Checked before asking the service: the name is required, and gets the focus.
    const name = group(keyboard, 'Victime').getByLabel(/^Nom/);
    await group(keyboard, 'Victime').getByText('Champ obligatoire.').waitFor();
    await until('the focus on the name', () => isFocused(name));
    await keyboard.keyboard.type('Durand');
    await keyboard.keyboard.press('Enter');
    await keyboard.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    const id = keyboard.url().split('/').pop()!;
    const stored = await t.http.get(`/api/v1/cases/${id}`).set(await as(t, 'coordinator'));
    expect(stored.body).toMatchObject({
      jurisdiction: 'FR-82',
      victim: { lastName: 'Durand' },
      author: null,
      children: [],
    });
    await keyboard.context().close();
  });
});
