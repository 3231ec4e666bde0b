// Functions passed to page.evaluate run in the browser.
/// <reference lib="dom" />

import { existsSync } from 'node:fs';

import AxeBuilder from '@axe-core/playwright';
import { Browser, chromium, Locator, Page } from 'playwright-core';

/** Debian's Chromium, or CHROMIUM_PATH: the browser tests never download one. */
export function findChromium(): string | undefined {
  return [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']
    .filter((path): path is string => Boolean(path))
    .find((path) => existsSync(path));
}

const chromiumPath = findChromium();
if (!chromiumPath && process.env.REQUIRE_BROWSER === '1')
  throw new Error(
    'REQUIRE_BROWSER=1 but no Chromium: apt-get install chromium, or set CHROMIUM_PATH',
  );
if (!chromiumPath)
  console.warn(
    'Browser tests SKIPPED: no Chromium found. Install one (apt-get install chromium) or set CHROMIUM_PATH; .ci/run always runs them.',
  );

/** `describe` when a Chromium is there, `describe.skip` (announced above) when not. */
export const describeInBrowser = chromiumPath ? describe : describe.skip;

export async function launchChromium(): Promise<Browser> {
  // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox'],
  });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    context.on('page', reportTrouble);
    return context;
  };
  return browser;
}

/**
 * A failing browser step says only what it waited for: the page's own errors and the API's refusals
 * are written to the test's output as they happen, so that a failure on CI can be read afterwards.
 */
function reportTrouble(page: Page) {
  const say = (what: string) => {
    // about:blank is where init scripts meet a page that is not the console yet.
    if (page.url() !== 'about:blank') process.stderr.write(`[browser ${page.url()}] ${what}\n`);
  };
  page.on('pageerror', (error) => say(`page error: ${error.message}`));
  page.on('console', (message) => {
    // Failed loads are said below, with their method and address.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      say(`console error: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && response.url().includes('/api/'))
      say(`${response.status()} ${response.request().method()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => {
    // A read cut short by leaving the page is no trouble.
    const reason = request.failure()?.errorText;
    if (reason !== 'net::ERR_ABORTED')
      say(`request failed: ${request.method()} ${request.url()} ${reason}`);
  });
}

export { screenshotPath } from './screenshots';

export interface SignIn {
  subject: string;
  roles: string[];
  jurisdictions?: string[];
  /** With the partner role: its organisation's id in the directory. */
  partnerOrganisationId?: string;
}

/** The development sign-in, filled in as a user does. */
export async function signIn(page: Page, base: string, who: SignIn): Promise<void> {
  await page.goto(`${base}/signin`);
  await page.getByLabel('Identifiant').fill(who.subject);
  for (const role of Object.keys(ROLE_LABELS)) {
    const box = page.getByRole('checkbox', { name: role });
    const wanted = who.roles.includes(ROLE_LABELS[role]);
    if ((await box.isChecked()) !== wanted) await box.click();
  }
  if (who.partnerOrganisationId)
    await page.getByLabel(/^Organisation partenaire/).fill(who.partnerOrganisationId);
  const jurisdictions = page.getByRole('combobox', { name: 'Ressorts' });
  // The form offers FR-82 by default: the jurisdictions asked for replace it.
  await jurisdictions.click();
  for (let i = 0; i < 5; i++) await jurisdictions.press('Backspace');
  await jurisdictions.fill((who.jurisdictions ?? ['FR-82']).join(','));
  await jurisdictions.press('Enter');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByTestId('signed-in').waitFor();
}

const ROLE_LABELS: Record<string, string> = {
  Opérateur: 'operator',
  Coordinateur: 'coordinator',
  Parquet: 'prosecutor',
  Administrateur: 'admin',
  Partenaire: 'partner',
};

/** WCAG 2.1 A/AA violations axe-core finds on the page, serious and critical ones. */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`,
    );
}

/** Polls `check` until it holds (playwright-core has no web-first assertions): fails naming `what`. */
export async function until(what: string, check: () => Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Picks `option` in a select (a Mantine combobox): opens its list, and opens it again should it have
 * closed before the option could be clicked (a dialog still settling moves the focus), until the
 * option is chosen. The chosen value is then checked by the caller.
 */
export async function choose(page: Page, combobox: Locator, option: string | RegExp) {
  const item = page.getByRole('option', { name: option });
  await until(
    `the option ${option}`,
    async () => {
      if (!(await item.isVisible())) {
        await combobox.click();
        await item.waitFor({ timeout: 2000 });
      }
      await item.click({ timeout: 2000 });
      return true;
    },
    30_000,
  );
}

export function hasAttribute(
  locator: Locator,
  name: string,
  value: string | RegExp,
  timeoutMs?: number,
) {
  return until(
    `${locator} [${name}] ${value}`,
    async () => {
      const actual = await locator.getAttribute(name, { timeout: 200 });
      return actual !== null && (typeof value === 'string' ? actual === value : value.test(actual));
    },
    timeoutMs,
  );
}

export const isFocused = (locator: Locator) =>
  locator.evaluate((element) => element === document.activeElement);

/**
 * Waits for the page to reach `url`; if it does not, fails with what the page says instead (its
 * alerts and the errors beside its fields), which is what a user would read.
 */
export async function arrivesAt(page: Page, url: RegExp, timeoutMs = 30_000) {
  try {
    await page.waitForURL(url, { timeout: timeoutMs });
  } catch (error) {
    const said = await page
      .locator('[role="alert"], .mantine-InputWrapper-error')
      .allInnerTexts()
      .catch(() => []);
    throw new Error(
      `${page.url()} did not lead to ${url}; the page says: ${said.join(' | ') || 'nothing'} (${String(error)})`,
    );
  }
}
