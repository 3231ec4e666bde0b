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
import { as, assessedCase, enrolledDevice, postDeviceEvent } from '../support/tgd-journey';

/** A coordinator's arrival: obligations due, requests awaiting the prosecutor, device faults, cases. */
describeInBrowser('coordinator’s worklist in a real browser', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let page: Page;
  let enrolled: Awaited<ReturnType<typeof enrolledDevice>>;
  let pendingCase: { id: string; reference: string };
  let colleagueCase: { id: string; reference: string };

  beforeAll(async () => {
    // Obligations move to "due" on the scheduler's next pass: every second here.
    t = await startTestApp({ env: { OBLIGATIONS_SCAN_SECONDS: '1' } });
    base = await listen(t);
    enrolled = await enrolledDevice(t);
    // A second case whose request awaits the prosecutor.
    const { kase, assessment } = await assessedCase(t);
    pendingCase = kase;
    const filed = await t.http
      .post(`/api/v1/cases/${kase.id}/tgd-requests`)
      .set(await as(t, 'coordinator'))
      .send({ assessmentId: assessment.id });
    expect(filed.status).toBe(201);
    // A colleague's case, its request pending too: not this coordinator's to follow.
    const colleague = await assessedCase(t, ['strangulation', 'menaces_de_mort'], {
      coordinatorId: 'coordinator-2@FR-82',
    });
    colleagueCase = colleague.kase;
    expect(
      (
        await t.http
          .post(`/api/v1/cases/${colleague.kase.id}/tgd-requests`)
          .set(await as(t, 'coordinator'))
          .send({ assessmentId: colleague.assessment.id })
      ).status,
    ).toBe(201);
    // A fault on the enrolled victim's device.
    expect((await postDeviceEvent(t, enrolled.serial, 'low_battery')).status).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    browser = await launchChromium();
    page = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    // The subject the API helpers open cases under: these are this coordinator's cases.
    await signIn(page, base, { subject: 'coordinator@FR-82', roles: ['coordinator'] });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('lands on the worklist with what is due, the pending request, the fault and the cases', async () => {
    await page.waitForURL(`${base}/worklist`);
    await page.getByRole('heading', { name: 'Mon suivi' }).waitFor();
    const obligations = page.getByRole('region', { name: 'Obligations en retard et à faire' });
    await obligations.getByRole('row', { name: /Premier contact avec la victime/ }).waitFor();
    expect(await obligations.getByText('À faire').count()).toBeGreaterThan(0);

    const requests = page.getByRole('region', { name: 'Demandes de TGD en attente de décision' });
    await requests.getByRole('link', { name: pendingCase.reference }).waitFor();
    expect(await requests.getByTestId('worklist-request').count()).toBe(1);
    expect(await page.getByText(colleagueCase.reference).count()).toBe(0);

    const alerts = page.getByRole('region', {
      name: 'Alertes techniques sur les téléphones de vos victimes',
    });
    await alerts.getByRole('row', { name: /Batterie faible/ }).waitFor();
    expect(await alerts.getByRole('link', { name: enrolled.kase.reference }).count()).toBe(1);

    const cases = page.getByRole('region', { name: 'Mes dossiers' });
    for (const reference of [enrolled.kase.reference, pendingCase.reference])
      await cases.getByRole('link', { name: reference }).waitFor();

    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('console-worklist.png'), fullPage: true });
  });

  it('completes an obligation with what was done, by keyboard, and it leaves the list', async () => {
    const obligations = page.getByRole('region', { name: 'Obligations en retard et à faire' });
    await obligations
      .getByRole('button', { name: 'Marquer comme faite : Premier contact avec la victime' })
      .focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Obligation faite' });
    await dialog.waitFor();
    // Submitting empty is refused beside the field.
    await dialog.getByRole('button', { name: 'Marquer comme faite' }).click();
    await dialog.getByText('Ce champ est obligatoire').waitFor();
    await dialog.getByLabel(/Ce qui a été fait/).fill('Appel de la victime : point sur la remise.');
    // Past "Annuler" to the confirming button, as in every dialog of the console.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await until(
      'the obligation gone from the worklist',
      async () =>
        (await obligations
          .getByRole('row', { name: /Premier contact avec la victime/ })
          .count()) === 0,
    );
    const stored = await t.http
      .get(`/api/v1/cases/${enrolled.kase.id}/obligations`)
      .set(await as(t, 'coordinator'));
    const firstContact = stored.body.find(
      (o: { templateId: string }) => o.templateId === 'first_contact',
    );
    expect(firstContact).toMatchObject({
      status: 'completed',
      closedBy: 'coordinator@FR-82',
      note: 'Appel de la victime : point sur la remise.',
    });
  });

  it('waives an obligation that does not apply, with the reason, and it leaves the list', async () => {
    const obligations = page.getByRole('region', { name: 'Obligations en retard et à faire' });
    const waive = obligations.getByRole('button', { name: /^Déclarer sans objet : / }).first();
    await waive.waitFor();
    const title = ((await waive.getAttribute('aria-label')) ?? '').replace(
      /^Déclarer sans objet : /,
      '',
    );
    const rows = () => obligations.getByRole('row', { name: new RegExp(title) }).count();
    const before = await rows();
    await waive.click();
    const dialog = page.getByRole('dialog', { name: 'Obligation sans objet' });
    await dialog
      .getByLabel(/Pourquoi elle ne s'applique pas/)
      .fill('Victime hospitalisée, suivi repris par le CHU.');
    await dialog.getByRole('button', { name: 'Déclarer sans objet' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await until('one row fewer', async () => (await rows()) === before - 1);
    const coordinator = await as(t, 'coordinator');
    const all = [];
    for (const kase of [enrolled.kase, pendingCase, colleagueCase])
      all.push(...(await t.http.get(`/api/v1/cases/${kase.id}/obligations`).set(coordinator)).body);
    expect(all).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          title,
          status: 'waived',
          note: 'Victime hospitalisée, suivi repris par le CHU.',
        }),
      ]),
    );
  });
});
