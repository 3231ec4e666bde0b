import { existsSync } from 'node:fs';

/**
 * Typed configuration, read once from the environment and validated before anything starts.
 * Every variable is documented in `.env.example`.
 */
export type AuthConfig =
  | { mode: 'jwks'; jwksUrl: string; issuer: string; audience: string; rolesClaim: string; jurisdictionsClaim: string }
  | { mode: 'dev-secret'; secret: string; issuer: string; audience: string; rolesClaim: string; jurisdictionsClaim: string };

export interface AppConfig {
  nodeEnv: string;
  port: number;
  host: string;
  /** Unset: the embedded PGlite database under `pgliteDataDir`. */
  databaseUrl?: string;
  pgliteDataDir: string;
  databasePoolSize: number;
  /** AES-256-GCM key for personal fields, 32 bytes. */
  dataEncryptionKey: Buffer;
  auth: AuthConfig;
  logLevel: string;
  httpBodyLimit: string;
}

/** Thrown when the environment is wrong; its message names the variable and the fault in one line. */
export class ConfigError extends Error {}

// Development-only defaults: refused when NODE_ENV=production.
const DEV_AUTH_SECRET = 'dev-only-secret-change-me-0123456789abcdef';
const DEV_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString('base64');
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function loadConfig(env: NodeJS.ProcessEnv): AppConfig {
  const nodeEnv = env.NODE_ENV ?? 'development';
  const production = nodeEnv === 'production';

  const text = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };
  const fail = (name: string, fault: string): never => {
    throw new ConfigError(`Invalid configuration: ${name} ${fault}`);
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = text(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      fail(name, `must be an integer between ${min} and ${max}, got "${raw}"`);
    }
    return value;
  };
  const url = (name: string, protocols: string[]): string | undefined => {
    const raw = text(name);
    if (raw === undefined) return undefined;
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      return fail(name, 'is not a valid URL');
    }
    if (!protocols.includes(parsed.protocol)) {
      fail(name, `must use ${protocols.join(' or ')}, got ${parsed.protocol}`);
    }
    return raw;
  };
  const devOnly = (name: string, devDefault: string): string => {
    const value = text(name);
    if (value !== undefined) return value;
    if (production) fail(name, 'is required when NODE_ENV=production');
    return devDefault;
  };

  const keyText = devOnly('DATA_ENCRYPTION_KEY', DEV_ENCRYPTION_KEY);
  const dataEncryptionKey = Buffer.from(keyText, 'base64');
  if (dataEncryptionKey.length !== 32) {
    fail('DATA_ENCRYPTION_KEY', 'must be 32 bytes encoded in base64 (openssl rand -base64 32)');
  }

  const rolesClaim = text('AUTH_ROLES_CLAIM') ?? 'roles';
  const jurisdictionsClaim = text('AUTH_JURISDICTIONS_CLAIM') ?? 'jurisdictions';
  const jwksUrl = url('AUTH_JWKS_URL', ['https:', 'http:']);
  let auth: AuthConfig;
  if (jwksUrl) {
    auth = {
      mode: 'jwks',
      jwksUrl,
      issuer: text('AUTH_ISSUER') ?? fail('AUTH_ISSUER', 'is required with AUTH_JWKS_URL'),
      audience: text('AUTH_AUDIENCE') ?? fail('AUTH_AUDIENCE', 'is required with AUTH_JWKS_URL'),
      rolesClaim,
      jurisdictionsClaim,
    };
  } else {
    if (production) fail('AUTH_JWKS_URL', 'is required when NODE_ENV=production');
    const secret = text('AUTH_DEV_SECRET') ?? DEV_AUTH_SECRET;
    if (secret.length < 32) fail('AUTH_DEV_SECRET', 'must be at least 32 characters');
    auth = {
      mode: 'dev-secret',
      secret,
      issuer: text('AUTH_ISSUER') ?? 'tgd-engine-dev',
      audience: text('AUTH_AUDIENCE') ?? 'tgd-engine',
      rolesClaim,
      jurisdictionsClaim,
    };
  }

  const logLevel = text('LOG_LEVEL') ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) fail('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);
  const httpBodyLimit = text('HTTP_BODY_LIMIT') ?? '256kb';
  if (!/^\d+(b|kb|mb)$/.test(httpBodyLimit)) fail('HTTP_BODY_LIMIT', 'must look like 256kb or 1mb');

  return {
    nodeEnv,
    port: integer('PORT', 3000, 0, 65535),
    host: text('HOST') ?? '0.0.0.0',
    databaseUrl: url('DATABASE_URL', ['postgres:', 'postgresql:']),
    pgliteDataDir: text('PGLITE_DATA_DIR') ?? './data',
    databasePoolSize: integer('DATABASE_POOL_SIZE', 10, 1, 200),
    dataEncryptionKey,
    auth,
    logLevel,
    httpBodyLimit,
  };
}

/** Injection token for the typed configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');

/** The process environment, with a local `.env` file applied first when one exists (never overriding). */
export function readEnvironment(path = '.env'): NodeJS.ProcessEnv {
  if (existsSync(path)) process.loadEnvFile(path);
  return process.env;
}
