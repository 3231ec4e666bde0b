import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { ConfigError, loadConfig } from './app-config';

const KEY = Buffer.alloc(32, 1).toString('base64');
const PRODUCTION = {
  NODE_ENV: 'production',
  DATA_ENCRYPTION_KEY: KEY,
  BLIND_INDEX_KEY: Buffer.alloc(32, 2).toString('base64'),
  AUTH_JWKS_URL: 'https://login.example.org/certs',
  AUTH_ISSUER: 'https://login.example.org',
  AUTH_AUDIENCE: 'tgd-engine',
};

describe('loadConfig', () => {
  it('runs in development with no variable at all: embedded database, development secrets', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, pgliteDataDir: './data', databaseUrl: undefined });
    expect(config.auth.mode).toBe('dev-secret');
    expect(config.dataEncryptionKey).toHaveLength(32);
  });

  it('accepts a complete production configuration', () => {
    const config = loadConfig({
      ...PRODUCTION,
      DATABASE_URL: 'postgres://tgd@db:5432/tgd',
      PORT: '8080',
    });
    expect(config).toMatchObject({ port: 8080, databaseUrl: 'postgres://tgd@db:5432/tgd' });
    expect(config.auth).toMatchObject({ mode: 'jwks', audience: 'tgd-engine' });
    expect(config.docsEnabled).toBe(false);
  });

  it('reads the fallback operators of each jurisdiction', () => {
    expect(
      loadConfig({ ALARM_FALLBACK_OPERATORS: 'FR-82=desk-a, desk-b; *=national' }).alarms
        .fallbackOperators,
    ).toEqual({ 'FR-82': ['desk-a', 'desk-b'], '*': ['national'] });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x@y/z' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ DATABASE_POOL_SIZE: '0' }, 'DATABASE_POOL_SIZE'],
    [{ DATA_ENCRYPTION_KEY: 'c2hvcnQ=' }, 'DATA_ENCRYPTION_KEY'],
    [{ AUTH_DEV_SECRET: 'short' }, 'AUTH_DEV_SECRET'],
    [{ AUTH_JWKS_URL: 'https://idp/certs' }, 'AUTH_ISSUER'],
    [{ AUTH_JWKS_URL: 'https://idp/certs', AUTH_ISSUER: 'https://idp' }, 'AUTH_AUDIENCE'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ HTTP_BODY_LIMIT: 'huge' }, 'HTTP_BODY_LIMIT'],
    [{ ...PRODUCTION, DATA_ENCRYPTION_KEY: undefined }, 'DATA_ENCRYPTION_KEY'],
    [{ ...PRODUCTION, AUTH_JWKS_URL: undefined }, 'AUTH_JWKS_URL'],
    [{ NODE_ENV: 'prod' }, 'NODE_ENV'],
    [
      { ...PRODUCTION, DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') },
      'DATA_ENCRYPTION_KEY',
    ],
    [{ ...PRODUCTION, BLIND_INDEX_KEY: undefined }, 'BLIND_INDEX_KEY'],
    [{ BLIND_INDEX_KEY: 'c2hvcnQ=' }, 'BLIND_INDEX_KEY'],
    [{ ...PRODUCTION, BLIND_INDEX_KEY: KEY }, 'BLIND_INDEX_KEY'],
    [{ AUTH_MAX_TOKEN_LIFETIME_SECONDS: '0' }, 'AUTH_MAX_TOKEN_LIFETIME_SECONDS'],
    [{ DOCS_ENABLED: 'yes' }, 'DOCS_ENABLED'],
    [{ ALARM_FALLBACK_OPERATORS: 'FR-82' }, 'ALARM_FALLBACK_OPERATORS'],
    [{ PUSH_LEASE_MS: '10' }, 'PUSH_LEASE_MS'],
    [{ CONSOLE_MAP_TILE_URL: 'ftp://tiles/{z}/{x}/{y}' }, 'CONSOLE_MAP_TILE_URL'],
    [{ CONSOLE_MAP_TILE_URL: 'https://tiles.example.org/map.png' }, 'CONSOLE_MAP_TILE_URL'],
    [{ ...PRODUCTION, CONSOLE_DEV_SIGNIN: 'true' }, 'CONSOLE_DEV_SIGNIN'],
  ])('refuses %j in one line naming %s', (env, name) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain(name);
    expect(message).not.toContain('\n');
  });

  it('never echoes a database URL, which may carry a password, in its errors', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://tgd:s3cret@db/tgd' })).toThrow(
      /^(?!.*s3cret)/,
    );
  });
});

describe('.env.example', () => {
  const source = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return source(path);
      return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [readFileSync(path, 'utf8')] : [];
    });

  it('documents every variable the service reads', () => {
    const example = readFileSync(join(__dirname, '..', '..', '.env.example'), 'utf8');
    const documented = new Set(
      [...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]),
    );
    const code = source(join(__dirname, '..')).join('\n');
    const read = new Set(
      [...code.matchAll(/(?:text|integer|url|devOnly|env\.)\(?'?([A-Z][A-Z0-9_]{2,})'?/g)].map(
        (m) => m[1],
      ),
    );
    expect(read.size).toBeGreaterThan(10);
    expect([...read].filter((name) => !documented.has(name))).toEqual([]);
  });
});
