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
import { activeAllocation, as, assessedCase, registerDevice } from '../support/tgd-journey';

const HIGHEST = ['strangulation', 'menaces_de_mort', 'armes_a_feu'];

/**
 * The Grave Danger Phone in the console (issue #16): the coordinator asks for it on the case page,
 * the prosecutor sees the count rise without reloading, reads the queue (most dangerous first) and
 * the report, grants it with the keyboard alone; the coordinator hands over a phone from the stock
 * and swaps it; the prosecutor ends another allocation early with its reason.
 */
describeInBrowser('the TGD request, decision and device in a real browser', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let coordinator: Page;
  let prosecutor: Page;
  let high: { kase: { id: string; reference: string }; assessment: { id: string } };
  let lowRequestId: string;
  let highRequestId: string;
  let ended: { kase: { reference: string }; allocation: { id: string } };
  let low: { kase: { id: string; reference: string }; assessment: { id: string } };
  let due: { kase: { reference: string }; allocation: { id: string } };
  let serials: string[];

  const badge = (page: Page) => page.getByTestId('pending-requests');
  const badgeCount = async (page: Page) =>
    (await badge(page).count()) === 0
      ? 0
      : Number(((await badge(page).textContent()) ?? '').match(/\d+/)?.[0]);

  beforeAll(async () => {
    t = await startTestApp();
    base = await listen(t);
    // A lower-level request, filed first: older, yet it must come after the most dangerous one.
    low = await assessedCase(t, []);
    lowRequestId = (
      await t.http
        .post(`/api/v1/cases/${low.kase.id}/tgd-requests`)
        .set(await as(t, 'coordinator'))
        .send({ assessmentId: low.assessment.id })
    ).body.id;
    high = await assessedCase(t, HIGHEST);
    ended = await activeAllocation(t);
    // An allocation whose end comes within the month: the queue lists it among the renewals.
    due = await activeAllocation(t);
    await t.db.query(
      `UPDATE tgd_allocation SET ends_at = now() + interval '10 days' WHERE id = $1`,
      [due.allocation.id],
    );
    serials = [(await registerDevice(t)).serialNumber, (await registerDevice(t)).serialNumber];
    browser = await launchChromium();
    coordinator = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    prosecutor = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    await signIn(coordinator, base, { subject: 'coordinator@FR-82', roles: ['coordinator'] });
    await signIn(prosecutor, base, { subject: 'prosecutor@FR-82', roles: ['prosecutor'] });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the problem when the victim’s consent is missing', async () => {
    const { kase } = await assessedCase(t, HIGHEST, {
      victim: { ...newCase().victim, consents: [] },
    });
    await coordinator.goto(`${base}/cases/${kase.id}`);
    await coordinator.getByRole('button', { name: 'Demander un TGD' }).click();
    await coordinator.getByRole('button', { name: 'Envoyer la demande' }).click();
    const problem = coordinator.getByTestId('request-problem');
    await problem.waitFor();
    expect(await problem.textContent()).toContain('consentement exprès');
    await coordinator.keyboard.press('Escape');
  });

  it('lets the coordinator file the request on the case page', async () => {
    await prosecutor.waitForURL(`${base}/tgd-requests`);
    await until(
      'the badge counts the one pending request',
      async () => (await badgeCount(prosecutor)) === 1,
    );

    await coordinator.goto(`${base}/cases/${high.kase.id}`);
    const panel = coordinator.getByTestId('case-tgd');
    await panel.getByTestId('measures').waitFor();
    const conditions = await panel.getByTestId('tgd-conditions').textContent();
    expect(conditions).toContain('Danger grave');
    expect(conditions).toContain('Remplie');
    expect(conditions).toContain('Interdiction de contact');
    expect(conditions).not.toMatch(/not_met|grave_danger/);
    expect(await seriousAccessibilityViolations(coordinator)).toEqual([]);
    await coordinator.screenshot({ path: screenshotPath('console-case-tgd.png'), fullPage: true });

    await panel.getByRole('button', { name: 'Demander un TGD' }).click();
    await coordinator.getByLabel('Note au parquet').fill('Auteur en fuite, menaces réitérées.');
    await coordinator.getByRole('button', { name: 'Envoyer la demande' }).click();
    await coordinator.getByText('La demande est transmise au parquet.').waitFor();
    await until('the request listed as pending', async () =>
      ((await panel.getByTestId('case-requests').textContent()) ?? '').includes('En attente'),
    );
    const filed = await t.http
      .get(`/api/v1/cases/${high.kase.id}/tgd-requests`)
      .set(await as(t, 'coordinator'));
    expect(filed.body).toHaveLength(1);
    expect(filed.body[0].note).toBe('Auteur en fuite, menaces réitérées.');
    highRequestId = filed.body[0].id;
  });

  it('raises the prosecutor’s count without a reload, and orders the queue most dangerous first', async () => {
    const url = prosecutor.url();
    // Heard from the service's live feed: no reload, no focus, no polling.
    await until(
      'the badge counts two pending requests',
      async () => (await badgeCount(prosecutor)) === 2,
    );
    expect(prosecutor.url()).toBe(url);

    await prosecutor.getByRole('link', { name: 'TGD attribués', exact: true }).click();
    await prosecutor.getByRole('heading', { name: 'TGD attribués', level: 2 }).waitFor();
    await prosecutor.getByRole('link', { name: /^Demandes de TGD/ }).click();
    const rows = prosecutor.getByTestId('request-row');
    await until('both requests in the queue', async () => (await rows.count()) === 2);
    const order = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-request')));
    expect(order).toEqual([highRequestId, lowRequestId]);
    const first = await rows.first().textContent();
    expect(first).toContain('Danger grave et imminent');
    expect(first).toContain('Menaces de mort');
    expect(first).toContain('4 sur 4 remplies');
    expect(await rows.last().textContent()).toContain('Non remplies : Danger grave');
    expect(await seriousAccessibilityViolations(prosecutor)).toEqual([]);
    await prosecutor.screenshot({
      path: screenshotPath('console-request-queue.png'),
      fullPage: true,
    });

    // The report, one click away, fetched with the prosecutor's token.
    const [response, download] = await Promise.all([
      prosecutor.waitForResponse((r) =>
        r.url().includes(`/assessments/${high.assessment.id}/report.pdf`),
      ),
      prosecutor.waitForEvent('download'),
      prosecutor
        .getByRole('button', {
          name: `Rapport d'évaluation du dossier ${high.kase.reference} (PDF)`,
        })
        .click(),
    ]);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('application/pdf');
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  });

  it('grants the request with the keyboard alone, reasons checked beside their field', async () => {
    await prosecutor
      .getByRole('link', { name: `Ouvrir la demande du dossier ${high.kase.reference}` })
      .click();
    await prosecutor
      .getByRole('heading', { name: `Demande de TGD — dossier ${high.kase.reference}` })
      .waitFor();
    await prosecutor.getByTestId('measures').waitFor();
    expect(await seriousAccessibilityViolations(prosecutor)).toEqual([]);
    await prosecutor.screenshot({ path: screenshotPath('console-request.png'), fullPage: true });

    // Tab to "Accorder", open the dialog with Enter.
    const grant = prosecutor.getByRole('button', { name: 'Accorder', exact: true });
    for (let i = 0; i < 80 && !(await grant.evaluate((el) => el === document.activeElement)); i++)
      await prosecutor.keyboard.press('Tab');
    expect(await grant.evaluate((el) => el === document.activeElement)).toBe(true);
    await prosecutor.keyboard.press('Enter');
    const dialog = prosecutor.getByRole('dialog', { name: 'Accorder le téléphone grave danger' });
    await dialog.waitFor();
    const reasons = dialog.getByLabel('Motifs de la décision');
    await until('the reasons focused', () =>
      reasons.evaluate((el) => el === document.activeElement),
    );
    await prosecutor.keyboard.type('Court');
    await prosecutor.keyboard.press('Tab');
    await prosecutor.keyboard.press('Enter');
    await dialog.getByText('Les motifs doivent compter au moins 10 caractères.').waitFor();
    expect(await reasons.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await reasons.getAttribute('aria-describedby')) ?? '';
    const errorIds = await dialog
      .getByText('Les motifs doivent compter au moins 10 caractères.')
      .evaluate((el) => el.id);
    expect(describedBy.split(' ')).toContain(errorIds);

    await prosecutor.keyboard.press('Shift+Tab');
    await until('the reasons focused again', () =>
      reasons.evaluate((el) => el === document.activeElement),
    );
    await prosecutor.keyboard.press('ControlOrMeta+A');
    await prosecutor.keyboard.type('Danger grave et imminent, auteur en fuite.');
    await prosecutor.keyboard.press('Tab');
    await prosecutor.keyboard.press('ControlOrMeta+A');
    await prosecutor.keyboard.type('4');
    await prosecutor.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await prosecutor.getByText('La décision est enregistrée.').waitFor();
    await until(
      'the decision shown',
      async () => ((await prosecutor.getByTestId('status').textContent()) ?? '') === 'Accordée',
    );
    expect(await prosecutor.getByTestId('decision-reasons').textContent()).toBe(
      'Danger grave et imminent, auteur en fuite.',
    );
    await prosecutor.getByTestId('allocation-created').waitFor();
    await until('the count back to one', async () => (await badgeCount(prosecutor)) === 1);

    const [pdf] = await Promise.all([
      prosecutor.waitForResponse((r) =>
        r.url().includes(`/tgd-requests/${highRequestId}/decision.pdf`),
      ),
      prosecutor.getByRole('button', { name: 'Décision (PDF)' }).click(),
    ]);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');

    const stored = await t.http
      .get(`/api/v1/tgd-requests/${highRequestId}`)
      .set(await as(t, 'prosecutor'));
    expect(stored.body.status).toBe('approved');
    const allocation = await t.http
      .get(`/api/v1/allocations/${stored.body.allocationId}`)
      .set(await as(t, 'prosecutor'));
    const months =
      (new Date(allocation.body.endsAt).getTime() - new Date(allocation.body.startsAt).getTime()) /
      (30 * 86_400_000);
    expect(Math.round(months)).toBe(4);
  });

  it('refuses the older request from the queue with the keyboard alone; the coordinator’s case shows it without a reload', async () => {
    await coordinator.goto(`${base}/cases/${low.kase.id}`);
    const requests = coordinator.getByTestId('case-tgd').getByTestId('case-requests');
    await until('the pending request on the case', async () =>
      ((await requests.textContent()) ?? '').includes('En attente'),
    );

    await prosecutor.goto(`${base}/tgd-requests`);
    const focused = (name: string) =>
      prosecutor.evaluate(
        (wanted) =>
          (document.activeElement?.getAttribute('aria-label') ??
            document.activeElement?.textContent ??
            '') === wanted,
        name,
      );
    const tabTo = async (name: string) => {
      for (let i = 0; i < 120 && !(await focused(name)); i++)
        await prosecutor.keyboard.press('Tab');
      expect(await focused(name)).toBe(true);
    };
    await prosecutor.getByTestId('request-row').first().waitFor();
    await tabTo(`Ouvrir la demande du dossier ${low.kase.reference}`);
    await prosecutor.keyboard.press('Enter');
    await prosecutor
      .getByRole('heading', { name: `Demande de TGD — dossier ${low.kase.reference}` })
      .waitFor();
    await prosecutor.getByTestId('measures').waitFor();
    await tabTo('Refuser');
    await prosecutor.keyboard.press('Enter');
    const dialog = prosecutor.getByRole('dialog', { name: 'Refuser le téléphone grave danger' });
    await dialog.waitFor();
    await until('the reasons focused', () =>
      dialog.getByLabel('Motifs de la décision').evaluate((el) => el === document.activeElement),
    );
    await prosecutor.keyboard.type('Danger faible à ce jour ; orientation vers le CIDFF.');
    await tabTo('Refuser le TGD');
    await prosecutor.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await until(
      'the refusal shown',
      async () => ((await prosecutor.getByTestId('status').textContent()) ?? '') === 'Refusée',
    );
    await until('nothing left to decide', async () => (await badgeCount(prosecutor)) === 0);

    // The coordinator's page, left open, hears the decision from the live feed.
    await until('the refusal on the case', async () =>
      ((await requests.textContent()) ?? '').includes('Refusée'),
    );
    const stored = await t.http
      .get(`/api/v1/tgd-requests/${lowRequestId}`)
      .set(await as(t, 'prosecutor'));
    expect(stored.body).toMatchObject({
      status: 'rejected',
      decisionReasons: 'Danger faible à ce jour ; orientation vers le CIDFF.',
    });
  });

  it('lets the coordinator hand over a phone from the stock, then swap it', async () => {
    await coordinator.goto(`${base}/cases/${high.kase.id}`);
    const panel = coordinator.getByTestId('case-tgd');
    await panel.getByRole('button', { name: 'Remettre un téléphone' }).click();
    const handOver = coordinator.getByRole('dialog', { name: 'Remettre un téléphone du stock' });
    await handOver.getByRole('combobox', { name: /Téléphone du stock de FR-82/ }).click();
    await coordinator.getByRole('option', { name: new RegExp(serials[0]) }).click();
    await handOver.getByRole('button', { name: 'Remettre ce téléphone' }).click();
    await handOver.waitFor({ state: 'hidden' });
    await until('the first phone in hand', async () =>
      ((await panel.getByTestId('device-in-hand').textContent()) ?? '').includes(serials[0]),
    );

    await panel.getByRole('button', { name: 'Échanger' }).click();
    const swap = coordinator.getByRole('dialog', { name: 'Échanger le téléphone' });
    await swap.getByRole('radio', { name: 'Défectueux' }).check();
    await swap.getByRole('combobox', { name: /Téléphone du stock de FR-82/ }).click();
    await coordinator.getByRole('option', { name: new RegExp(serials[1]) }).click();
    await swap.getByRole('button', { name: 'Échanger les téléphones' }).click();
    await swap.waitFor({ state: 'hidden' });
    await until('the second phone in hand', async () =>
      ((await panel.getByTestId('device-in-hand').textContent()) ?? '').includes(serials[1]),
    );
    const devices = await t.http
      .get('/api/v1/devices')
      .query({ status: 'maintenance' })
      .set(await as(t, 'admin'));
    expect(devices.body.items.map((d: { serialNumber: string }) => d.serialNumber)).toContain(
      serials[0],
    );
  });

  it('lets the coordinator take the phone back', async () => {
    const panel = coordinator.getByTestId('case-tgd');
    await panel.getByRole('button', { name: 'Reprendre' }).click();
    const takeBack = coordinator.getByRole('dialog', { name: 'Reprendre le téléphone' });
    await takeBack.getByRole('radio', { name: 'En bon état' }).check();
    await takeBack.getByRole('button', { name: 'Reprendre le téléphone' }).click();
    await takeBack.waitFor({ state: 'hidden' });
    await until('no phone in hand', async () =>
      ((await panel.getByTestId('device-in-hand').textContent()) ?? '').includes(
        'Aucun téléphone remis',
      ),
    );
    const approved = await t.http
      .get(`/api/v1/tgd-requests/${highRequestId}`)
      .set(await as(t, 'prosecutor'));
    const allocation = await t.http
      .get(`/api/v1/allocations/${approved.body.allocationId}`)
      .set(await as(t, 'prosecutor'));
    expect(allocation.body.device).toBeNull();
  });

  it('lists the renewals coming due in the queue, and renews one from the allocations in force', async () => {
    await prosecutor.getByRole('link', { name: /^Demandes de TGD/ }).click();
    const renewals = prosecutor.getByTestId('renewals');
    await renewals.waitFor();
    expect(await renewals.textContent()).toContain(due.kase.reference);
    expect(await renewals.textContent()).not.toContain(ended.kase.reference);

    await prosecutor.getByRole('link', { name: 'TGD attribués', exact: true }).click();
    await prosecutor.getByTestId('allocations').waitFor();
    expect(await seriousAccessibilityViolations(prosecutor)).toEqual([]);
    await prosecutor.screenshot({
      path: screenshotPath('console-allocations.png'),
      fullPage: true,
    });
    await prosecutor
      .getByRole('button', { name: `Renouveler l'attribution du dossier ${due.kase.reference}` })
      .click();
    const dialog = prosecutor.getByRole('dialog', { name: "Renouveler l'attribution" });
    await dialog.getByLabel('Motifs du renouvellement').fill('Danger persistant, auteur libéré.');
    await dialog.getByLabel("Durée de l'attribution (mois)").fill('3');
    await dialog.getByRole('button', { name: 'Renouveler', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    const stored = async () =>
      (await t.http.get(`/api/v1/allocations/${due.allocation.id}`).set(await as(t, 'prosecutor')))
        .body;
    await until('the renewal recorded', async () => (await stored()).renewals === 1);
  });

  it('lets the prosecutor end an allocation early, with its reason', async () => {
    await prosecutor.getByRole('link', { name: 'TGD attribués', exact: true }).click();
    await prosecutor
      .getByRole('button', {
        name: `Mettre fin à l'attribution du dossier ${ended.kase.reference}`,
      })
      .click();
    const dialog = prosecutor.getByRole('dialog', {
      name: "Mettre fin à l'attribution avant son terme",
    });
    await dialog.getByRole('combobox', { name: /Motif de fin/ }).click();
    await prosecutor.getByRole('option', { name: 'Auteur incarcéré' }).click();
    await dialog.getByLabel('Note').fill('Incarcéré le 20 avril.');
    await dialog.getByRole('button', { name: "Mettre fin à l'attribution" }).click();
    await dialog.waitFor({ state: 'hidden' });
    await until(
      'the allocation gone from those in force',
      async () =>
        ((await prosecutor.getByTestId('allocations').textContent()) ?? '').includes(
          ended.kase.reference,
        ) === false,
    );
    const stored = await t.http
      .get(`/api/v1/allocations/${ended.allocation.id}`)
      .set(await as(t, 'prosecutor'));
    expect(stored.body).toMatchObject({ status: 'ended', endReason: 'author_imprisoned' });
  });
});
