// Functions passed to page.evaluate run in the browser.
/// <reference lib="dom" />

import { Browser } from 'playwright-core';

import {
  describeInBrowser,
  hasAttribute,
  launchChromium,
  screenshotPath,
} from '../support/browser';
import { freePort, oidcEnvironment, OidcProvider, startOidcProvider } from '../support/oidc';
import { listen } from '../support/sse';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Production sign-in: OpenID Connect authorisation code with PKCE, in Chromium, against a real
 * provider (oidc-provider); the service accepts the access token through the provider's JWKS.
 */
describeInBrowser('OIDC sign-in of the console', () => {
  let t: TestApp;
  let provider: OidcProvider;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    t = await startTestApp({ env: oidcEnvironment(port) });
    base = await listen(t);
    provider = await startOidcProvider(port, `${base}/signin/callback`, {
      'nadia.operatrice': { name: 'Nadia Benali', roles: ['operator'], jurisdictions: ['FR-82'] },
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await provider?.stop();
    await t?.close();
  });

  it('signs an operator in with code + PKCE, shows who she is, and signs her out of the provider', async () => {
    const page = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    await page.goto(base);
    await page.waitForURL(`${base}/signin`);
    // No development sign-in where an OIDC provider is configured.
    expect(await page.getByLabel('Identifiant').count()).toBe(0);
    await page
      .getByRole('button', { name: "Se connecter avec le compte de l'organisation" })
      .click();

    await page.waitForURL(new RegExp(`^${provider.issuer}/`));
    await page.locator('input[name="login"]').fill('nadia.operatrice');
    await page.locator('input[name="password"]').fill('any');
    await page.locator('button[type="submit"]').click();
    await page.locator('button[type="submit"]').click(); // consent
    await page.waitForURL(`${base}/board`);

    const signedIn = page.getByTestId('signed-in');
    await signedIn.waitFor();
    const text = (await signedIn.textContent()) ?? '';
    expect(text).toContain('Nadia Benali');
    expect(text).toContain('Opérateur');
    expect(text).toContain('FR-82');
    // Operator screens only.
    expect(await page.getByRole('link', { name: 'Tableau des alarmes' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Parc de téléphones' }).count()).toBe(0);
    // The feed accepts the provider's token too.
    await hasAttribute(page.getByTestId('feed-status'), 'data-status', 'live');
    await page.screenshot({ path: screenshotPath('console-oidc-board.png') });

    // Signing out ends the provider's session: the next sign-in asks for a login again.
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL(new RegExp(`^${provider.issuer}/`));
    await page.locator('button[autofocus], button[type="submit"]').first().click();
    await page.waitForURL(`${base}/signin`);
    await page
      .getByRole('button', { name: "Se connecter avec le compte de l'organisation" })
      .click();
    await page.locator('input[name="login"]').waitFor();
  });

  it('refuses development tokens once an OIDC provider is configured', async () => {
    const res = await t.http
      .post('/api/v1/session/dev-token')
      .send({ subject: 'intrus', roles: ['admin'], jurisdictions: ['*'] });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('forbidden');
  });
});
