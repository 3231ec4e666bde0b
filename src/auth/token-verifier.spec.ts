import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

import { exportJWK, generateKeyPair, SignJWT } from 'jose';

import { UnauthorizedProblem } from '../common/problems';
import { loadConfig } from '../config/app-config';
import { signDevToken, TokenVerifier } from './token-verifier';

describe('TokenVerifier with a development secret', () => {
  const config = loadConfig({ NODE_ENV: 'test' });
  const verifier = new TokenVerifier(config);

  it('turns a development token into an actor with roles and jurisdictions', async () => {
    const token = await signDevToken(config, {
      roles: ['coordinator'],
      jurisdictions: ['FR-82'],
      subject: 'u1',
    });
    const actor = await verifier.verify(token, 'req-1');
    expect(actor).toMatchObject({
      subject: 'u1',
      roles: ['coordinator'],
      jurisdictions: ['FR-82'],
      requestId: 'req-1',
    });
    expect(actor.canActIn('FR-82')).toBe(true);
    expect(actor.canActIn('FR-71')).toBe(false);
    expect(actor.scope()).toEqual(['FR-82']);
  });

  it('gives `*` every jurisdiction', async () => {
    const token = await signDevToken(config, { roles: ['admin'], jurisdictions: ['*'] });
    const actor = await verifier.verify(token);
    expect(actor.canActIn('BE-ZP-5339')).toBe(true);
    expect(actor.scope()).toBeUndefined();
  });

  it('refuses a token signed with another secret, or expired', async () => {
    const other = loadConfig({
      NODE_ENV: 'test',
      AUTH_DEV_SECRET: 'another-secret-of-at-least-32-characters!',
    });
    const forged = await signDevToken(other, { roles: ['admin'], jurisdictions: ['*'] });
    await expect(verifier.verify(forged)).rejects.toBeInstanceOf(UnauthorizedProblem);
    const expired = await signDevToken(config, {
      roles: ['admin'],
      jurisdictions: ['*'],
      ttlSeconds: -10,
    });
    await expect(verifier.verify(expired)).rejects.toBeInstanceOf(UnauthorizedProblem);
  });

  it('remembers a verified token only until it expires', async () => {
    const token = await signDevToken(config, {
      roles: ['gateway'],
      jurisdictions: ['*'],
      subject: 'gw',
      ttlSeconds: 1,
    });
    const first = await verifier.verify(token, 'a');
    const second = await verifier.verify(token, 'b');
    expect(second).toMatchObject({ subject: 'gw', requestId: 'b' });
    expect(second).not.toBe(first);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await expect(verifier.verify(token)).rejects.toBeInstanceOf(UnauthorizedProblem);
  });

  it('is not available in production', async () => {
    const production = { ...config, nodeEnv: 'production' };
    await expect(
      signDevToken(production, { roles: ['admin'], jurisdictions: ['*'] }),
    ).rejects.toThrow(/refused/);
  });
});

describe('TokenVerifier against an OIDC provider JWKS', () => {
  let server: Server;
  let sign: (claims: Record<string, unknown>, issuer?: string) => Promise<string>;
  let verifier: TokenVerifier;

  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = createServer((_, res) => res.end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const config = loadConfig({
      NODE_ENV: 'production',
      DATA_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'),
      BLIND_INDEX_KEY: Buffer.alloc(32, 4).toString('base64'),
      AUTH_JWKS_URL: `http://127.0.0.1:${port}/certs`,
      AUTH_ISSUER: 'https://idp.test',
      AUTH_AUDIENCE: 'tgd-engine',
      AUTH_ROLES_CLAIM: 'realm_access.roles',
    });
    verifier = new TokenVerifier(config);
    sign = (claims, issuer = 'https://idp.test') =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setSubject('oidc-user')
        .setIssuer(issuer)
        .setAudience('tgd-engine')
        .setExpirationTime('5m')
        .sign(privateKey);
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('reads nested role claims and keeps only known roles', async () => {
    const token = await sign({
      realm_access: { roles: ['prosecutor', 'superuser'] },
      jurisdictions: 'FR-71',
    });
    const actor = await verifier.verify(token);
    expect(actor).toMatchObject({
      subject: 'oidc-user',
      roles: ['prosecutor'],
      jurisdictions: ['FR-71'],
    });
  });

  it('refuses a token from another issuer', async () => {
    const token = await sign({ realm_access: { roles: ['admin'] } }, 'https://evil.test');
    await expect(verifier.verify(token)).rejects.toBeInstanceOf(UnauthorizedProblem);
  });
});
