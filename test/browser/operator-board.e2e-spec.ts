// Functions passed to page.evaluate run in the browser.
/// <reference lib="dom" />

import { randomUUID } from 'node:crypto';
import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';

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
import { startTestApp, TestApp } from '../support/test-app';
import { as, enrolledDevice } from '../support/tgd-journey';

/**
 * The operators' journey in Chromium: a distress reaches the board without reload, is worked from
 * acknowledgement to resolution, and a second operator's board follows every step; the feed is cut,
 * the board says so, and catches up when it comes back.
 */
describeInBrowser('operators’ board in a real browser', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  const sockets = new Set<Socket>();
  let feedCut = false;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    base = await listen(t);
    const server = t.app.getHttpServer();
    server.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    server.prependListener('request', (req: IncomingMessage) => {
      if (feedCut && req.url?.startsWith('/api/v1/alarms/stream')) req.socket.destroy();
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  // Each journey starts from a board with nothing open, and no page of an earlier one listening.
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
    const operator = await as(t, 'operator');
    for (const status of ['open', 'acknowledged']) {
      const { body } = await t.http.get('/api/v1/alarms').query({ status }).set(operator);
      for (const alarm of body.items as { id: string }[])
        await t.http
          .post(`/api/v1/alarms/${alarm.id}/resolve`)
          .set(operator)
          .send({ outcome: 'test' });
    }
  });

  async function operatorPage(subject: string): Promise<Page> {
    const context = await browser.newContext({
      locale: 'fr-FR',
      viewport: { width: 1400, height: 900 },
    });
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page, base, { subject, roles: ['operator'] });
    await page.waitForURL(`${base}/board`);
    await hasAttribute(page.getByTestId('feed-status'), 'data-status', 'live');
    return page;
  }

  /** A victim of her own: a press while her alarm is open joins that alarm. */
  async function victimDevice(): Promise<string> {
    return (await enrolledDevice(t)).serial;
  }

  async function distress(serial: string): Promise<string> {
    const res = await t.http
      .post('/api/v1/device-events')
      .set(await as(t, 'gateway'))
      .send({
        eventId: randomUUID(),
        device: serial,
        type: 'distress',
        occurredAt: new Date().toISOString(),
        location: { lat: 44.0176, lon: 1.355, accuracy: 25 },
      });
    expect(res.status).toBe(201);
    return res.body.alarmId as string;
  }

  const row = (page: Page, alarmId: string) => page.locator(`[data-alarm-id="${alarmId}"]`);

  it('shows the sign-in page, accessible', async () => {
    const context = await browser.newContext({
      locale: 'fr-FR',
      viewport: { width: 1100, height: 800 },
    });
    const page = await context.newPage();
    await page.goto(base);
    await page.waitForURL(`${base}/signin`);
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('console-signin.png') });
    await context.close();
  });

  it('a distress appears on two boards without reload, and each step of its handling on both', async () => {
    const first = await operatorPage('op-camille');
    const second = await operatorPage('op-samir');
    await first.evaluate(() => ((window as unknown as { loaded: boolean }).loaded = true));

    const alarmId = await distress(await victimDevice());
    for (const page of [first, second]) {
      await hasAttribute(row(page, alarmId), 'data-status', 'open');
      await until('text ' + 'Camille Martin', async () =>
        ((await row(page, alarmId).textContent()) ?? '').includes('Camille Martin'),
      );
    }
    // The visual signal: the waiting count in the tab's title, and an alert announced.
    await until('the count in the title', async () => (await first.title()).startsWith('(1) '));
    await first.getByRole('alert').filter({ hasText: 'Nouvelle alarme' }).first().waitFor();
    // The same page, not a reload.
    expect(await first.evaluate(() => (window as unknown as { loaded?: boolean }).loaded)).toBe(
      true,
    );
    await until('text ' + 'il y a', async () =>
      ((await row(first, alarmId).getByTestId('elapsed').textContent()) ?? '').includes('il y a'),
    );
    await first.screenshot({ path: screenshotPath('console-board.png') });
    expect(await seriousAccessibilityViolations(first)).toEqual([]);

    await row(first, alarmId).getByRole('link').click();
    await first.waitForURL(`${base}/alarms/${alarmId}`);
    await first.getByText('3 rue des Lilas').waitFor();
    await first.getByText('Interdiction de contact').waitFor();
    await first.getByText('Arme à feu non déclarée').waitFor();
    await until('the map summary', async () =>
      /44\.01760, 1\.35500/.test((await first.getByTestId('alarm-map').textContent()) ?? ''),
    );
    await first.getByRole('button', { name: "Acquitter l'alarme" }).click();
    await hasAttribute(row(second, alarmId), 'data-status', 'acknowledged');

    await first
      .getByLabel("Note de l'appel police (qui, quoi)")
      .fill('17 appelé, patrouille en route');
    await first.getByRole('button', { name: "Enregistrer l'appel police" }).click();
    await first.getByText('17 appelé, patrouille en route').waitFor();
    await first.screenshot({ path: screenshotPath('console-alarm.png'), fullPage: true });
    expect(await seriousAccessibilityViolations(first)).toEqual([]);

    await first.getByRole('combobox', { name: /^Issue/ }).click();
    await first.getByRole('option', { name: 'Intervention' }).click();
    await first.getByLabel('Note de clôture').fill('Auteur interpellé');
    await first.getByRole('button', { name: "Résoudre l'alarme" }).click();
    await hasAttribute(row(second, alarmId), 'data-status', 'resolved');
    const stored = await t.http.get(`/api/v1/alarms/${alarmId}`).set(await as(t, 'operator'));
    expect(stored.body).toMatchObject({ status: 'resolved', outcome: 'intervention' });
  });

  it('says plainly when the feed is cut, and catches up when it is back', async () => {
    const page = await operatorPage('op-lea');
    const serial = await victimDevice();
    // Cut: the open connections are dropped and new ones to the feed too, as a network cut would.
    feedCut = true;
    let missed: string;
    try {
      for (const socket of sockets) socket.destroy();
      await page.getByTestId('stale').waitFor();
      await until(
        'the feed shown down',
        async () => (await page.getByTestId('feed-status').getAttribute('data-status')) !== 'live',
      );
      missed = await distress(serial);
      await page.waitForTimeout(500);
      expect(await row(page, missed).count()).toBe(0);
    } finally {
      feedCut = false;
    }
    await hasAttribute(page.getByTestId('feed-status'), 'data-status', 'live', 20_000);
    await hasAttribute(row(page, missed), 'data-status', 'open');
    // Found on the catch-up, it is signalled like one that came over the feed.
    await page.getByRole('alert').filter({ hasText: 'Nouvelle alarme' }).first().waitFor();
    await until('the count in the title', async () => (await page.title()).startsWith('(1) '));
    await page.getByTestId('stale').waitFor({ state: 'detached' });
  });

  it('is worked with the keyboard alone, from the skip link to the acknowledgement', async () => {
    const page = await operatorPage('op-keyboard');
    const alarmId = await distress(await victimDevice());
    // A fresh load: the skip link is the first stop.
    await page.reload();
    await row(page, alarmId).waitFor();
    await page.keyboard.press('Tab');
    expect(await isFocused(page.getByRole('link', { name: 'Aller au contenu' }))).toBe(true);
    await page.keyboard.press('Enter');
    // From the main landmark, Tab reaches the alarm's link.
    const link = row(page, alarmId).getByRole('link');
    for (let i = 0; i < 40 && !(await isFocused(link)); i++) await page.keyboard.press('Tab');
    expect(await isFocused(link)).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/alarms/${alarmId}`);
    const acknowledge = page.getByRole('button', { name: "Acquitter l'alarme" });
    for (let i = 0; i < 40 && !(await isFocused(acknowledge)); i++)
      await page.keyboard.press('Tab');
    expect(await isFocused(acknowledge)).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: "Acquitter l'alarme" }).waitFor({ state: 'detached' });
    const stored = await t.http.get(`/api/v1/alarms/${alarmId}`).set(await as(t, 'operator'));
    expect(stored.body.status).toBe('acknowledged');
    // Landmarks a screen reader lists.
    for (const landmark of ['banner', 'navigation', 'main'] as const)
      await page.getByRole(landmark).first().waitFor();
  });

  it('goes on and off duty from the board, the last one on duty warned first; and speaks English', async () => {
    const page = await operatorPage('op-duty');
    await victimDevice(); // FR-82 has an enrolled victim: someone must be on duty.
    const onDuty = page.getByRole('switch', { name: 'De service' });
    await onDuty.click();
    await until('on duty', async () => onDuty.isChecked());
    await onDuty.click();
    await page.getByRole('dialog', { name: 'Dernier opérateur de service' }).waitFor();
    await page.getByRole('button', { name: 'Quitter quand même' }).click();
    await until('off duty', async () => !(await onDuty.isChecked()));
    const me = await t.http
      .get('/api/v1/operators/me')
      .set('Authorization', `Bearer ${await t.token('operator', ['FR-82'], 'op-duty')}`);
    expect(me.body.onDuty).toBe(false);

    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('heading', { name: 'Alarm board' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    // Remembered: English (fetched apart from the French the console ships with) at the next visit.
    await page.reload();
    await page.getByRole('heading', { name: 'Alarm board' }).waitFor();
    expect(await page.getByText('Tableau des alarmes').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  });

  it('signals a new alarm while the operator works another one on its page', async () => {
    const page = await operatorPage('op-busy');
    const [first, second] = [await victimDevice(), await victimDevice()];
    const working = await distress(first);
    await row(page, working).getByRole('link').click();
    await page.waitForURL(`${base}/alarms/${working}`);
    await page.getByRole('button', { name: "Acquitter l'alarme" }).click();
    await page.getByTestId('last-position').waitFor();

    const arriving = await distress(second);
    await page.getByRole('alert').filter({ hasText: 'Nouvelle alarme' }).first().waitFor();
    await until('the new alarm counted in the title', async () =>
      (await page.title()).startsWith('(1) '),
    );
    await hasAttribute(page.getByTestId('feed-status'), 'data-status', 'live');
    // Still on the first alarm's page, which follows the other operators' actions on it.
    expect(page.url()).toBe(`${base}/alarms/${working}`);
    await t.http
      .post(`/api/v1/alarms/${working}/police`)
      .set(await as(t, 'operator'))
      .send({ note: 'Appel 17 par un collègue' });
    await page.getByText('Appel 17 par un collègue').waitFor();
    expect(arriving).not.toBe(working);
  });
});
