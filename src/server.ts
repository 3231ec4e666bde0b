import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';

import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { AppConfig } from './config/app-config';
import { checkRules } from './config/rules-check';
import { EmbeddedPostgres, startEmbeddedPostgres } from './database/embedded-postgres';
import { migrate } from './database/migrate';

export interface RunningService {
  app: NestExpressApplication;
  databaseUrl: string;
  stop(): Promise<void>;
}

/** The database to use: DATABASE_URL, or the embedded PGlite persisted under PGLITE_DATA_DIR. */
export async function resolveDatabase(
  config: AppConfig,
): Promise<{ url: string; embedded?: EmbeddedPostgres }> {
  if (config.databaseUrl) return { url: config.databaseUrl };
  const embedded = await startEmbeddedPostgres(config.pgliteDataDir);
  return { url: embedded.url, embedded };
}

/** Builds the application on a database; `listen` is left to the caller. */
export async function createService(config: AppConfig): Promise<RunningService> {
  checkRules(config.rulesDir);
  const { url, embedded } = await resolveDatabase(config);
  try {
    if (config.migrationDatabaseUrl) await migrate(config.migrationDatabaseUrl, url);
    const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, url), {
      bodyParser: false,
      bufferLogs: true,
      // Start-up faults reach main(), which reports them in one line instead of a stack trace;
      // logging starts with the structured logger, once the application is built.
      abortOnError: false,
      logger: false,
    });
    configureApp(app, config);
    return {
      app,
      databaseUrl: url,
      async stop() {
        await app.close();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}
