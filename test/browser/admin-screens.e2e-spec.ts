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
import { registerDevice } from '../support/tgd-journey';

/** An administrator's screens: the device inventory (stock, statuses, history) and the audit trail. */
describeInBrowser('administrator’s screens in a real browser', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let page: Page;
  let serial: string;

  beforeAll(async () => {
    t = await startTestApp();
    base = await listen(t);
    ({ serialNumber: serial } = await registerDevice(t));
    await registerDevice(t);
    browser = await launchChromium();
    page = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    await signIn(page, base, { subject: 'admin-82', roles: ['admin'] });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the stock per court, and puts a device in maintenance with a note', async () => {
    await page.waitForURL(`${base}/admin/devices`);
    await page.getByRole('heading', { name: 'Juridiction FR-82' }).waitFor();
    // The operators' board is not an administrator's screen.
    expect(await page.getByRole('link', { name: 'Tableau des alarmes' }).count()).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('console-devices.png'), fullPage: true });

    await page.getByRole('button', { name: serial }).click();
    await page.getByRole('combobox', { name: /^Nouvel état/ }).click();
    await page.getByRole('option', { name: 'En maintenance' }).click();
    await page.getByLabel('Note').fill('Écran fissuré');
    await page.getByRole('button', { name: "Changer l'état" }).click();
    await until('the device shown in maintenance', async () =>
      ((await page.getByRole('row', { name: new RegExp(serial) }).textContent()) ?? '').includes(
        'En maintenance',
      ),
    );
    const stored = await t.http
      .get('/api/v1/devices')
      .query({ status: 'maintenance' })
      .set('Authorization', `Bearer ${await t.token('admin')}`);
    expect(stored.body.items.map((d: { serialNumber: string }) => d.serialNumber)).toContain(
      serial,
    );
  });

  it('lists the audit trail, filtered by action', async () => {
    await page.getByRole('link', { name: "Journal d'audit" }).click();
    await page.waitForURL(`${base}/admin/audit`);
    await page.getByLabel('Action').fill('device.status');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await until('the status change in the trail', async () =>
      ((await page.locator('tbody').textContent()) ?? '').includes('device.status'),
    );
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
});
