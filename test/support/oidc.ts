import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface OidcAccount {
  name: string;
  roles: string[];
  jurisdictions: string[];
}

export interface OidcProvider {
  issuer: string;
  stop(): Promise<void>;
}

/** The audience of the access tokens the provider issues for the service. */
export const OIDC_AUDIENCE = 'urn:tgd:engine';
export const OIDC_CLIENT_ID = 'tgd-console';

/** A free loopback port (the service must know the issuer before the provider can start). */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** The service's environment for OIDC sign-in at the provider that will listen on `port`. */
export function oidcEnvironment(port: number): Record<string, string> {
  const issuer = `http://127.0.0.1:${port}`;
  return {
    AUTH_JWKS_URL: `${issuer}/jwks`,
    AUTH_ISSUER: issuer,
    AUTH_AUDIENCE: OIDC_AUDIENCE,
    CONSOLE_OIDC_CLIENT_ID: OIDC_CLIENT_ID,
  };
}

/** oidc-provider (test/support/oidc-server.mjs) in a child process on `port`, on loopback. */
export async function startOidcProvider(
  port: number,
  redirectUri: string,
  accounts: Record<string, OidcAccount>,
): Promise<OidcProvider> {
  const child: ChildProcess = spawn(process.execPath, [join(__dirname, 'oidc-server.mjs')], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: {
      ...process.env,
      PORT: String(port),
      REDIRECT_URI: redirectUri,
      ACCOUNTS: JSON.stringify(accounts),
    },
  });
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  const { issuer } = JSON.parse(line) as { issuer: string };
  return {
    issuer,
    stop: async () => {
      const exited = once(child, 'exit');
      child.stdin!.end();
      await exited;
    },
  };
}
