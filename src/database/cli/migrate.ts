import 'reflect-metadata';

import { loadConfig, readEnvironment } from '../../config/app-config';
import { resolveDatabase } from '../../server';
import { migrate } from '../migrate';

/**
 * `npm run migration:run`: applies pending migrations to DATABASE_URL or the embedded database, as
 * the owner of MIGRATION_DATABASE_URL when set (then granting DATABASE_URL's role what it needs).
 */
async function main(): Promise<void> {
  const config = loadConfig(readEnvironment());
  const { url, embedded } = await resolveDatabase(config);
  try {
    const applied = await migrate(config.migrationDatabaseUrl ?? url, url);
    process.stdout.write(
      `Applied ${applied.length} migration(s): ${applied.join(', ') || 'none pending'}\n`,
    );
  } finally {
    await embedded?.stop();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`Migration failed: ${error.message}\n`);
  process.exit(1);
});
