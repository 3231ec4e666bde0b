// A real OpenID Connect provider (oidc-provider) on loopback, for the console's sign-in tests.
// Environment: PORT, REDIRECT_URI (the console's /signin/callback), ACCOUNTS (JSON: login → name,
// roles, jurisdictions). Prints {"issuer": …} once listening; stops when stdin closes.
import { generateKeyPairSync, randomUUID } from 'node:crypto';

import Provider from 'oidc-provider';

const { PORT, REDIRECT_URI, ACCOUNTS } = process.env;
const issuer = `http://127.0.0.1:${PORT}`;
const accounts = JSON.parse(ACCOUNTS ?? '{}');
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = {
  ...privateKey.export({ format: 'jwk' }),
  kid: randomUUID(),
  use: 'sig',
  alg: 'RS256',
};

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'tgd-console',
      token_endpoint_auth_method: 'none',
      redirect_uris: [REDIRECT_URI],
      post_logout_redirect_uris: [new URL('/signin', REDIRECT_URI).href],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  pkce: { required: () => true },
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomUUID()] },
  claims: { openid: ['sub'], profile: ['name'] },
  findAccount: (_ctx, id) =>
    accounts[id] && { accountId: id, claims: () => ({ sub: id, name: accounts[id].name }) },
  features: {
    devInteractions: { enabled: true },
    // Access tokens for the service: JWTs with its audience, signed by the keys at /jwks.
    resourceIndicators: {
      enabled: true,
      defaultResource: () => 'urn:tgd:engine',
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({
        scope: 'openid profile',
        audience: 'urn:tgd:engine',
        accessTokenTTL: 3600,
        accessTokenFormat: 'jwt',
        jwt: { sign: { alg: 'RS256' } },
      }),
    },
  },
  extraTokenClaims: (_ctx, token) => {
    const account = accounts[token.accountId];
    return account ? { roles: account.roles, jurisdictions: account.jurisdictions } : {};
  },
});

const server = provider.listen(Number(PORT), '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});
process.stdin.resume();
process.stdin.on('end', () => server.close(() => process.exit(0)));
