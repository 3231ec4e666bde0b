import { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import type { NextFunction, Request, Response } from 'express';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';

import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
import { Role } from '../../src/auth/actor';
import { signDevToken } from '../../src/auth/token-verifier';
import { Clock } from '../../src/common/clock';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { checkRules } from '../../src/config/rules-check';
import { migrate } from '../../src/database/migrate';
import { ResponseContract } from './contract';
import { IsolatedDatabase, isolatedDatabase } from './database';

export interface TestApp {
  app: NestExpressApplication;
  http: TestAgent;
  config: AppConfig;
  db: DataSource;
  database: IsolatedDatabase;
  /** The OpenAPI contract every JSON answer is checked against (none with DOCS_ENABLED=false). */
  contract(): ResponseContract | undefined;
  /** A development token; the subject defaults to one per role and jurisdiction set. */
  token(role: Role, jurisdictions?: string[], subject?: string): Promise<string>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: NodeJS.ProcessEnv;
  clock?: Clock;
  /** Reuse a database (a restart); the caller then drops it. */
  database?: IsolatedDatabase;
}

/** The real application on an isolated database, migrations applied, as main.ts would build it. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // Suites send many requests without tokens on purpose; the limiter has its own test.
    AUTH_FAILURES_PER_MINUTE: '100000',
    // A console built elsewhere (vite build --outDir) can be served instead of dist/web.
    ...(process.env.CONSOLE_DIR ? { CONSOLE_DIR: process.env.CONSOLE_DIR } : {}),
    ...options.env,
  });
  // As createService does: a broken rules file stops start-up before any database is opened.
  checkRules(config.rulesDir);
  const database = options.database ?? (await isolatedDatabase());
  if (config.migrationDatabaseUrl) await migrate(config.migrationDatabaseUrl, database.url);
  const builder = Test.createTestingModule({ imports: [AppModule.forRoot(config, database.url)] });
  if (options.clock) builder.overrideProvider(Clock).useValue(options.clock);
  let app: NestExpressApplication | undefined;
  // Every JSON answer of the suite is checked against the OpenAPI document (see ResponseContract).
  let contract: ResponseContract | undefined;
  try {
    app = (await builder.compile()).createNestApplication<NestExpressApplication>({
      bodyParser: false,
      bufferLogs: true,
    });
    app.use((req: Request, res: Response, next: NextFunction) =>
      contract ? contract.middleware(req, res, next) : next(),
    );
    configureApp(app, config);
    await app.init();
  } catch (error) {
    // A start that fails leaves nothing running: its connections and its own database go.
    await app?.close().catch(() => undefined);
    if (!options.database) await database.drop();
    throw error;
  }
  if (config.docsEnabled)
    contract = new ResponseContract((await request(app.getHttpServer()).get('/docs-json')).body);
  return {
    app,
    http: request(app.getHttpServer()),
    config,
    db: app.get(DataSource),
    database,
    token: (role, jurisdictions = ['FR-82'], subject) =>
      signDevToken(config, {
        roles: [role],
        jurisdictions,
        subject: subject ?? `${role}@${jurisdictions.join('+')}`,
      }),
    contract: () => contract,
    async close() {
      await app.close();
      if (!options.database) await database.drop();
      const broken = contract?.violations ?? [];
      if (broken.length > 0)
        throw new Error(
          `answers the OpenAPI document does not describe:\n${broken
            .map((v) => `  ${v.operation} → ${v.status}: ${v.errors}`)
            .join('\n')}`,
        );
    },
  };
}

/** A valid body for POST /api/v1/cases. */
export function newCase(jurisdiction = 'FR-82', overrides: Record<string, unknown> = {}) {
  return {
    jurisdiction,
    victim: {
      firstName: 'Camille',
      lastName: 'Martin',
      dateOfBirth: '1988-04-12',
      phone: '+33612345678',
      address: { line1: '3 rue des Lilas', postalCode: '82000', city: 'Montauban', country: 'FR' },
      preferredLanguage: 'fr',
      consents: [
        { purpose: 'tgd_allocation', given: true, recordedAt: '2026-11-20T10:00:00+01:00' },
      ],
    },
    author: {
      lastName: 'Martin',
      description: 'Tall, grey van',
      livesWithVictim: false,
      knownWeapons: ['firearm_undeclared'],
      judicialMeasures: [{ type: 'contact_ban', issuedAt: '2026-11-18' }],
    },
    children: [{ age: 4, exposed: true, victim: false }],
    ...overrides,
  };
}
