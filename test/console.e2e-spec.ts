import { readdirSync } from 'node:fs';

import { startTestApp, TestApp } from './support/test-app';

/** The console served by the service itself: same origin as the API, its own security headers. */
describe('the web console, served at /', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('serves the application for / and every client-side route, never cached', async () => {
    for (const path of ['/', '/board', '/alarms/0b7a5c2e-3f1d-4c7e-9a51-2d4f6e8b9c01']) {
      const res = await t.http.get(path).set('Accept', 'text/html');
      expect(res.status).toBe(200);
      expect(res.text).toContain('<div id="root"></div>');
      expect(res.headers['cache-control']).toBe('no-cache');
      const csp = res.headers['content-security-policy'];
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
    }
  });

  it('caches hashed assets for good, and answers a missing one 404', async () => {
    const script = readdirSync('dist/web/assets').find((file) => file.endsWith('.js'))!;
    const res = await t.http.get(`/assets/${script}`);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toContain('immutable');
    expect((await t.http.get('/assets/nothing-here.js')).status).toBe(404);
  });

  it('leaves the API, the documentation and the probes to the service', async () => {
    const api = await t.http.get('/api/v1/nothing-here').set('Accept', 'text/html');
    expect(api.status).toBe(404);
    expect(api.headers['content-type']).toContain('application/problem+json');
    expect((await t.http.get('/health')).headers['content-type']).toContain('json');
  });

  it('tells the browser how to sign in, and mints development tokens outside production', async () => {
    const config = await t.http.get('/api/v1/console/config');
    expect(config.body).toEqual({ signIn: 'development', oidc: null, mapTiles: null });
    const minted = await t.http
      .post('/api/v1/session/dev-token')
      .send({ subject: 'camille.op', roles: ['operator', 'admin'], jurisdictions: ['FR-82'] });
    expect(minted.status).toBe(200);
    const session = await t.http
      .get('/api/v1/session')
      .set('Authorization', `Bearer ${minted.body.accessToken}`);
    expect(session.body).toEqual({
      subject: 'camille.op',
      roles: ['operator', 'admin'],
      jurisdictions: ['FR-82'],
      partnerOrganisationId: null,
    });
  });

  it('refuses a development sign-in that names no role, a gateway or a malformed jurisdiction', async () => {
    for (const body of [
      { subject: 'x', roles: [], jurisdictions: ['FR-82'] },
      { subject: 'x', roles: ['gateway'], jurisdictions: ['FR-82'] },
      { subject: 'x', roles: ['operator'], jurisdictions: ['france'] },
      { subject: 'x y', roles: ['operator'], jurisdictions: ['FR-82'] },
    ]) {
      const res = await t.http.post('/api/v1/session/dev-token').send(body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation-error');
    }
  });
});

describe('console settings from configuration', () => {
  it('keeps the development sign-in off with a secret of one’s own, unless asked for', async () => {
    const own = { AUTH_DEV_SECRET: 'a-training-instance-secret-0123456789' };
    const body = { subject: 'x', roles: ['admin'], jurisdictions: ['*'] };
    const off = await startTestApp({ env: own });
    try {
      expect((await off.http.get('/api/v1/console/config')).body.signIn).toBe('none');
      expect((await off.http.post('/api/v1/session/dev-token').send(body)).status).toBe(403);
    } finally {
      await off.close();
    }
    const on = await startTestApp({ env: { ...own, CONSOLE_DEV_SIGNIN: 'true' } });
    try {
      expect((await on.http.get('/api/v1/console/config')).body.signIn).toBe('development');
      expect((await on.http.post('/api/v1/session/dev-token').send(body)).status).toBe(200);
    } finally {
      await on.close();
    }
  });

  it('publishes the map tile source', async () => {
    const t = await startTestApp({
      env: {
        CONSOLE_MAP_TILE_URL: 'https://{s}.tiles.example.org/{z}/{x}/{y}.png',
        CONSOLE_MAP_ATTRIBUTION: '© contributors',
      },
    });
    try {
      const config = await t.http.get('/api/v1/console/config');
      expect(config.body.mapTiles).toEqual({
        url: 'https://{s}.tiles.example.org/{z}/{x}/{y}.png',
        attribution: '© contributors',
      });
      const page = await t.http.get('/').set('Accept', 'text/html');
      expect(page.headers['content-security-policy']).toContain('https://*.tiles.example.org');
    } finally {
      await t.close();
    }
  });
});
