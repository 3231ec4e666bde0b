import { Browser, Page } from 'playwright-core';

import {
  describeInBrowser,
  hasAttribute,
  launchChromium,
  screenshotPath,
  seriousAccessibilityViolations,
  signIn,
  until,
} from '../support/browser';
import { listen } from '../support/sse';
import { startTestApp, TestApp } from '../support/test-app';
import { as, enrolledDevice, postDeviceEvent } from '../support/tgd-journey';

/** The technical queue, apart from the distress board, and the answer-time statistics, in Chromium. */
describeInBrowser('a monitoring centre’s standards in a real browser', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    t = await startTestApp();
    base = await listen(t);
    browser = await launchChromium();
    page = await (
      await browser.newContext({ locale: 'fr-FR', viewport: { width: 1400, height: 900 } })
    ).newPage();
    await signIn(page, base, { subject: 'op-technique', roles: ['operator'] });
    // A supervisor: the answer-time figures are theirs to read.
    await t.http
      .put('/api/v1/operators/me/duty')
      .set({ Authorization: `Bearer ${await t.token('operator', ['FR-82'], 'op-technique')}` })
      .send({ onDuty: false, supervisor: true });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function report(serial: string, type: string, extra: Record<string, unknown> = {}) {
    const res = await postDeviceEvent(t, serial, type, extra);
    expect(res.status).toBe(201);
    return res.body;
  }

  it('lists a device switched off in the technical queue, never on the distress board, and closes it', async () => {
    const { serial } = await enrolledDevice(t);
    await report(serial, 'power_off');
    await page.getByRole('link', { name: 'File technique' }).click();
    await page.waitForURL(`${base}/technical`);
    const row = page.locator('[data-testid="technical-row"][data-kind="power_off"]');
    await row.waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('console-technical.png'), fullPage: true });

    await row.getByRole('button', { name: 'Prendre en charge' }).click();
    await hasAttribute(row, 'data-status', 'acknowledged');
    await row.getByRole('button', { name: 'Clore' }).click();
    await page.getByRole('combobox', { name: /^Ce qui a été fait/ }).click();
    await page.getByRole('option', { name: 'Victime appelée' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Clore' }).click();
    await hasAttribute(row, 'data-status', 'resolved');

    await page.getByRole('link', { name: 'Tableau des alarmes' }).click();
    await page.waitForURL(`${base}/board`);
    await page.getByTestId('no-alarm').waitFor();
  });

  it('shows the answer times against the standards, and the alarms to review', async () => {
    const { serial } = await enrolledDevice(t);
    const { alarmId } = await report(serial, 'distress');
    await t.http.post(`/api/v1/alarms/${alarmId}/ack`).set(await as(t, 'operator'));
    await page.getByRole('link', { name: 'Délais de réponse' }).click();
    await page.waitForURL(`${base}/statistics`);
    await page.getByRole('heading', { name: /Objectifs de décroché/ }).waitFor();
    await until(
      'one alarm counted',
      async () => ((await page.getByText(/1 alarmes?, 1 acquittée/).count()) ?? 0) > 0,
    );
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('console-statistics.png'), fullPage: true });
  });
});
