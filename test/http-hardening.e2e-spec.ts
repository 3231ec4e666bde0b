import { SignJWT } from 'jose';

import { startTestApp, TestApp } from './support/test-app';

describe('HTTP hardening: headers, tokens that must expire, failed authentications slowed', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { AUTH_FAILURES_PER_MINUTE: '5', DOCS_ENABLED: 'false' } });
  });
  afterAll(() => t.close());

  const sign = (claims: { exp?: number; iat?: number }) => {
    const jwt = new SignJWT({ roles: ['coordinator'], jurisdictions: ['FR-82'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('someone')
      .setIssuer(t.config.auth.issuer)
      .setAudience(t.config.auth.audience);
    if (claims.iat) jwt.setIssuedAt(claims.iat);
    if (claims.exp) jwt.setExpirationTime(claims.exp);
    const secret = t.config.auth.mode === 'dev-secret' ? t.config.auth.secret : '';
    return jwt.sign(new TextEncoder().encode(secret));
  };

  it('sends security headers, and no-store on every API answer', async () => {
    const res = await t.http
      .get('/api/v1/cases')
      .set('Authorization', `Bearer ${await t.token('coordinator')}`);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('can switch the API documentation off', async () => {
    expect((await t.http.get('/docs-json')).status).toBe(404);
  });

  it('refuses a token without expiry, and one that lives longer than allowed', async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const token of [
      await sign({ iat: now }),
      await sign({ iat: now, exp: now + 90 * 86_400 }),
    ]) {
      const res = await t.http.get('/api/v1/cases').set('Authorization', `Bearer ${token}`);
      expect(res.status).toBe(401);
    }
    const fine = await sign({ iat: now, exp: now + 3600 });
    expect((await t.http.get('/api/v1/cases').set('Authorization', `Bearer ${fine}`)).status).toBe(
      200,
    );
  });

  it('answers 429 once an address has failed to authenticate too often, never to a valid token', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++)
      statuses.push((await t.http.get('/api/v1/cases').set('Authorization', 'Bearer nope')).status);
    // The earlier test spent two failures of this minute.
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.at(-1)).toBe(429);
    const blocked = await t.http.get('/api/v1/cases').set('Authorization', 'Bearer nope');
    // Behind a proxy many share one address: a valid token still goes through.
    const valid = await t.http
      .get('/api/v1/cases')
      .set('Authorization', `Bearer ${await t.token('coordinator')}`);
    expect(valid.status).toBe(200);
    expect(blocked.body).toMatchObject({
      type: '/problems/too-many-requests',
      retryAfterSeconds: expect.any(Number),
    });
  });
});
