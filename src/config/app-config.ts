import { existsSync } from 'node:fs';

/**
 * Typed configuration, read once from the environment and validated before anything starts.
 * Every variable is documented in `.env.example`.
 */
export type AuthConfig =
  | {
      mode: 'jwks';
      jwksUrl: string;
      issuer: string;
      audience: string;
      rolesClaim: string;
      jurisdictionsClaim: string;
      /** The claim carrying a `partner` user's organisation id (directory id). */
      partnerClaim: string;
      maxTokenLifetimeSeconds: number;
    }
  | {
      mode: 'dev-secret';
      secret: string;
      issuer: string;
      audience: string;
      rolesClaim: string;
      jurisdictionsClaim: string;
      /** The claim carrying a `partner` user's organisation id (directory id). */
      partnerClaim: string;
      maxTokenLifetimeSeconds: number;
    };

export interface AppConfig {
  nodeEnv: string;
  port: number;
  host: string;
  /** Unset: the embedded PGlite database under `pgliteDataDir`. */
  databaseUrl?: string;
  /**
   * The owner role's connection, for migrations only; the service then connects (DATABASE_URL) as
   * a role that owns nothing and is granted what it needs.
   */
  migrationDatabaseUrl?: string;
  pgliteDataDir: string;
  databasePoolSize: number;
  /** AES-256-GCM key for personal fields, 32 bytes. */
  dataEncryptionKey: Buffer;
  /** HMAC-SHA-256 key of the victims' blind index (repeat rule), 32 bytes, distinct from the above. */
  blindIndexKey: Buffer;
  auth: AuthConfig;
  logLevel: string;
  httpBodyLimit: string;
  /** The OpenAPI page and document at /docs and /docs-json (off by default in production). */
  docsEnabled: boolean;
  /** Failed authentications allowed per client address and minute before 429. */
  authFailuresPerMinute: number;
  /** Questionnaires, recommendation rules and obligation templates, read at start-up. */
  rulesDir: string;
  push: PushConfig;
  alarms: AlarmConfig;
  obligations: { scanSeconds: number };
  console: ConsoleConfig;
  supervision: SupervisionConfig;
  retention: RetentionConfig;
}

/**
 * How long the victim's positions are kept (arrêté of 22 April 2015 on the TGD, art. 5): three days
 * from recording, eight on the prosecutor's authorisation, and no more than three days after the
 * device's return.
 */
export interface RetentionConfig {
  positionDays: number;
  authorizedPositionDays: number;
  afterReturnDays: number;
  scanSeconds: number;
}

/** Device supervision (issue #15): silent devices, missed tests, technical alerts. */
export interface SupervisionConfig {
  /** A device not heard from for this many hours is silent; per jurisdiction where configured. */
  silenceHours: number;
  silenceHoursByJurisdiction: Record<string, number>;
  /** A device not tested for this many days has missed its periodic test. */
  testDays: number;
  /** A battery at or above this level (percent) closes a low-battery alert. */
  chargedPercent: number;
  /** An unacknowledged technical alert escalates after this many minutes, and again after as many. */
  escalationMinutes: number;
  scanSeconds: number;
}

/** The web console served at `/`: its built files, and what the browser needs to sign in and draw maps. */
export interface ConsoleConfig {
  /** Directory of the built console (vite build); not there, the service serves the API only. */
  dir: string;
  /**
   * The development sign-in page (tokens for any role, from the network): on by default only with
   * the built-in development secret, never in production.
   */
  devSignIn: boolean;
  /** OIDC client of the console (authorisation code with PKCE) at AUTH_ISSUER; unset: no OIDC sign-in. */
  oidcClientId?: string;
  oidcScope: string;
  /** Map tiles, e.g. https://tile.example.org/{z}/{x}/{y}.png; unset: positions on a plain background. */
  mapTileUrl?: string;
  mapAttribution?: string;
}

/** Firebase Cloud Messaging. Without a project, pushes go to the operators' live feed only. */
export interface PushConfig {
  projectId?: string;
  /** A service account key file (production). */
  credentialsFile?: string;
  /** A fixed access token for an FCM-compatible server on a private network (never production). */
  accessToken?: string;
  /** `host:port` FCM connections are sent to instead of fcm.googleapis.com:443 (test server, egress proxy). */
  connectTo?: string;
  /** PEM file of the CA trusted for those connections. */
  caFile?: string;
  sendTimeoutMs: number;
  retryMaxSeconds: number;
  pollMs: number;
  /** How long a push stays in an instance's hand unrenewed: a crash is recovered after about this. */
  leaseMs: number;
  /** While sends fail, one waiting push is tried this often, so a recovery is found in seconds. */
  probeSeconds: number;
  /** Push is reported degraded once sends have failed, or a push has waited, this long. */
  degradedAfterSeconds: number;
}

export interface AlarmConfig {
  /** Seconds before each escalation step; the last repeats. Default 30 s, then 60 s, then 120 s. */
  escalationSeconds: number[];
  /** How far in the future an event's time may be (device clocks drift). */
  maxClockSkewSeconds: number;
  /**
   * Who is paged when nobody on duty or supervising can be: operator subjects per jurisdiction
   * (`*` for any other), such as a national platform's duty desk.
   */
  fallbackOperators: Record<string, string[]>;
  /** An open alarm no phone accepted after this long is reported by /health and the log. */
  unpushedAfterSeconds: number;
  /** How often jurisdictions with victims but nobody reachable on duty are looked for. */
  coverageCheckSeconds: number;
}

/** Thrown when the environment is wrong; its message names the variable and the fault in one line. */
export class ConfigError extends Error {}

// Development-only defaults: refused when NODE_ENV=production.
const DEV_AUTH_SECRET = 'dev-only-secret-change-me-0123456789abcdef';
const DEV_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString('base64');
const DEV_BLIND_INDEX_KEY = Buffer.alloc(32, 11).toString('base64');
const NODE_ENVS = ['development', 'test', 'production'];
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function loadConfig(env: NodeJS.ProcessEnv): AppConfig {
  const nodeEnv = env.NODE_ENV?.trim() || 'development';
  if (!NODE_ENVS.includes(nodeEnv))
    throw new ConfigError(
      `Invalid configuration: NODE_ENV must be one of ${NODE_ENVS.join(', ')}, got "${nodeEnv}"`,
    );
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
  const flag = (name: string, fallback: boolean): boolean => {
    const raw = text(name);
    if (raw === undefined) return fallback;
    if (raw !== 'true' && raw !== 'false') fail(name, `must be true or false, got "${raw}"`);
    return raw === 'true';
  };
  const devOnly = (name: string, devDefault: string): string => {
    const value = text(name);
    if (value !== undefined) return value;
    if (production) fail(name, 'is required when NODE_ENV=production');
    return devDefault;
  };

  const keyText = devOnly('DATA_ENCRYPTION_KEY', DEV_ENCRYPTION_KEY);
  if (production && keyText === DEV_ENCRYPTION_KEY)
    fail('DATA_ENCRYPTION_KEY', 'is the development key, refused when NODE_ENV=production');
  const dataEncryptionKey = Buffer.from(keyText, 'base64');
  if (dataEncryptionKey.length !== 32) {
    fail('DATA_ENCRYPTION_KEY', 'must be 32 bytes encoded in base64 (openssl rand -base64 32)');
  }
  const blindText = devOnly('BLIND_INDEX_KEY', DEV_BLIND_INDEX_KEY);
  if (production && blindText === DEV_BLIND_INDEX_KEY)
    fail('BLIND_INDEX_KEY', 'is the development key, refused when NODE_ENV=production');
  const blindIndexKey = Buffer.from(blindText, 'base64');
  if (blindIndexKey.length !== 32)
    fail('BLIND_INDEX_KEY', 'must be 32 bytes encoded in base64 (openssl rand -base64 32)');
  if (blindIndexKey.equals(dataEncryptionKey))
    fail('BLIND_INDEX_KEY', 'must differ from DATA_ENCRYPTION_KEY');

  const rolesClaim = text('AUTH_ROLES_CLAIM') ?? 'roles';
  const jurisdictionsClaim = text('AUTH_JURISDICTIONS_CLAIM') ?? 'jurisdictions';
  const partnerClaim = text('AUTH_PARTNER_CLAIM') ?? 'partner_org';
  const jwksUrl = url('AUTH_JWKS_URL', ['https:', 'http:']);
  const maxTokenLifetimeSeconds = integer('AUTH_MAX_TOKEN_LIFETIME_SECONDS', 86_400, 60, 2_592_000);
  let auth: AuthConfig;
  if (jwksUrl) {
    auth = {
      mode: 'jwks',
      jwksUrl,
      issuer: text('AUTH_ISSUER') ?? fail('AUTH_ISSUER', 'is required with AUTH_JWKS_URL'),
      audience: text('AUTH_AUDIENCE') ?? fail('AUTH_AUDIENCE', 'is required with AUTH_JWKS_URL'),
      rolesClaim,
      jurisdictionsClaim,
      partnerClaim,
      maxTokenLifetimeSeconds,
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
      partnerClaim,
      maxTokenLifetimeSeconds,
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
    migrationDatabaseUrl: migrationUrl(),
    pgliteDataDir: text('PGLITE_DATA_DIR') ?? './data',
    databasePoolSize: integer('DATABASE_POOL_SIZE', 10, 1, 200),
    dataEncryptionKey,
    blindIndexKey,
    auth,
    logLevel,
    httpBodyLimit,
    docsEnabled: flag('DOCS_ENABLED', !production),
    authFailuresPerMinute: integer('AUTH_FAILURES_PER_MINUTE', 30, 1, 100_000),
    rulesDir: text('RULES_DIR') ?? './rules',
    push: pushConfig(),
    alarms: {
      escalationSeconds: secondsList('ALARM_ESCALATION_SECONDS', '30,60,120'),
      maxClockSkewSeconds: integer('ALARM_MAX_CLOCK_SKEW_SECONDS', 300, 0, 86_400),
      fallbackOperators: fallbackOperators(),
      unpushedAfterSeconds: integer('ALARM_UNPUSHED_SECONDS', 15, 1, 3600),
      coverageCheckSeconds: integer('COVERAGE_CHECK_SECONDS', 30, 1, 3600),
    },
    console: consoleConfig(),
    supervision: {
      silenceHours: integer('SUPERVISION_SILENCE_HOURS', 24, 1, 24 * 30),
      silenceHoursByJurisdiction: silenceByJurisdiction(),
      testDays: integer('SUPERVISION_TEST_DAYS', 15, 1, 365),
      chargedPercent: integer('SUPERVISION_CHARGED_PERCENT', 50, 1, 100),
      escalationMinutes: integer('TECHNICAL_ALERT_ESCALATION_MINUTES', 60, 1, 24 * 60),
      scanSeconds: integer('SUPERVISION_SCAN_SECONDS', 60, 1, 3600),
    },
    retention: retentionConfig(),
    obligations: { scanSeconds: integer('OBLIGATIONS_SCAN_SECONDS', 60, 1, 86_400) },
  };

  function secondsList(name: string, fallback: string): number[] {
    const raw = text(name) ?? fallback;
    const values = raw.split(',').map((part) => Number(part.trim()));
    if (values.length === 0 || values.some((v) => !Number.isFinite(v) || v <= 0 || v > 86_400)) {
      fail(name, `must be a comma-separated list of seconds such as 30,60,120, got "${raw}"`);
    }
    return values;
  }

  function consoleConfig(): ConsoleConfig {
    const mapTileUrl = text('CONSOLE_MAP_TILE_URL');
    if (mapTileUrl !== undefined) {
      url('CONSOLE_MAP_TILE_URL', ['https:', 'http:']);
      if (!['{z}', '{x}', '{y}'].every((part) => mapTileUrl.includes(part)))
        fail('CONSOLE_MAP_TILE_URL', 'must contain {z}, {x} and {y}');
    }
    const builtInSecret = auth.mode === 'dev-secret' && auth.secret === DEV_AUTH_SECRET;
    const devSignIn = flag('CONSOLE_DEV_SIGNIN', builtInSecret && !production);
    if (devSignIn && (production || auth.mode !== 'dev-secret'))
      fail('CONSOLE_DEV_SIGNIN', 'needs NODE_ENV other than production and no AUTH_JWKS_URL');
    return {
      dir: text('CONSOLE_DIR') ?? 'dist/web',
      devSignIn,
      oidcClientId: text('CONSOLE_OIDC_CLIENT_ID'),
      oidcScope: text('CONSOLE_OIDC_SCOPE') ?? 'openid profile',
      mapTileUrl,
      mapAttribution: text('CONSOLE_MAP_ATTRIBUTION'),
    };
  }

  function pushConfig(): PushConfig {
    const projectId = text('FCM_PROJECT_ID');
    const credentialsFile = text('FCM_CREDENTIALS_FILE');
    const accessToken = text('FCM_ACCESS_TOKEN');
    if (projectId && !credentialsFile && !accessToken) {
      fail('FCM_CREDENTIALS_FILE', 'is required with FCM_PROJECT_ID (a service account key file)');
    }
    if (accessToken && production)
      fail('FCM_ACCESS_TOKEN', 'is for test servers only and refused when NODE_ENV=production');
    const connectTo = text('FCM_CONNECT_TO');
    if (connectTo && !/^[A-Za-z0-9.-]+:\d{1,5}$/.test(connectTo))
      fail('FCM_CONNECT_TO', 'must look like host:port');
    return {
      projectId,
      credentialsFile,
      accessToken,
      connectTo,
      caFile: text('FCM_CA_FILE'),
      sendTimeoutMs: integer('PUSH_SEND_TIMEOUT_MS', 10_000, 100, 120_000),
      retryMaxSeconds: integer('PUSH_RETRY_MAX_SECONDS', 60, 1, 3600),
      pollMs: integer('PUSH_POLL_MS', 250, 10, 60_000),
      leaseMs: integer('PUSH_LEASE_MS', 3000, 500, 600_000),
      probeSeconds: integer('PUSH_PROBE_SECONDS', 2, 1, 600),
      degradedAfterSeconds: integer('PUSH_DEGRADED_AFTER_SECONDS', 30, 1, 86_400),
    };
  }

  function migrationUrl(): string | undefined {
    const value = url('MIGRATION_DATABASE_URL', ['postgres:', 'postgresql:']);
    if (value && !text('DATABASE_URL'))
      fail('MIGRATION_DATABASE_URL', 'needs DATABASE_URL (the service role) beside it');
    return value;
  }

  /** `FR-82=desk-a,desk-b;*=national-desk`: jurisdiction, then operator subjects. */
  function retentionConfig(): RetentionConfig {
    const positionDays = integer('POSITION_RETENTION_DAYS', 3, 1, 365);
    const authorizedPositionDays = integer('POSITION_RETENTION_AUTHORIZED_DAYS', 8, 1, 365);
    if (authorizedPositionDays < positionDays)
      fail('POSITION_RETENTION_AUTHORIZED_DAYS', 'must be at least POSITION_RETENTION_DAYS');
    return {
      positionDays,
      authorizedPositionDays,
      afterReturnDays: integer('POSITION_RETENTION_AFTER_RETURN_DAYS', 3, 0, 365),
      scanSeconds: integer('RETENTION_SCAN_SECONDS', 600, 1, 86_400),
    };
  }

  function silenceByJurisdiction(): Record<string, number> {
    const name = 'SUPERVISION_SILENCE_HOURS_BY_JURISDICTION';
    const result: Record<string, number> = {};
    for (const part of (text(name) ?? '')
      .split(';')
      .map((p) => p.trim())
      .filter(Boolean)) {
      const match = /^([A-Z]{2}(?:-[A-Z0-9]{1,8}){1,3})\s*=\s*(\d{1,3})$/.exec(part);
      const hours = Number(match?.[2]);
      if (!match || hours < 1 || hours > 720 || match[1] in result)
        fail(name, `must look like FR-82=12;BE-ZP-5339=6 (hours, 1-720), got "${part}"`);
      result[match![1]] = hours;
    }
    return result;
  }

  function fallbackOperators(): Record<string, string[]> {
    const name = 'ALARM_FALLBACK_OPERATORS';
    const raw = text(name);
    const result: Record<string, string[]> = {};
    if (raw === undefined) return result;
    for (const part of raw
      .split(';')
      .map((p) => p.trim())
      .filter(Boolean)) {
      const match = /^([A-Za-z0-9*_-]{1,32})\s*=\s*(.+)$/.exec(part);
      const subjects = match?.[2].split(',').map((s) => s.trim()) ?? [];
      if (!match || subjects.some((s) => s === '' || s.length > 200) || match[1] in result)
        fail(name, `must look like FR-82=desk-a,desk-b;*=national-desk, got "${part}"`);
      result[match![1]] = subjects;
    }
    return result;
  }
}

/** Injection token for the typed configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');

/** The process environment, with a local `.env` file applied first when one exists (never overriding). */
export function readEnvironment(path = '.env'): NodeJS.ProcessEnv {
  if (existsSync(path)) process.loadEnvFile(path);
  return process.env;
}
