import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig, readEnvironment } from '../../config/app-config';
import { resolveDatabase } from '../../server';
import { dataSourceOptions } from '../data-source-options';

/** `npm run migration:run`: applies pending migrations to DATABASE_URL or the embedded database. */
async function main(): Promise<void> {
  const config = loadConfig(readEnvironment());
  const { url, embedded } = await resolveDatabase(config);
  const source = new DataSource(dataSourceOptions(url, 1));
  try {
    await source.initialize();
    const applied = await source.runMigrations();
    process.stdout.write(
      `Applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ') || 'none pending'}\n`,
    );
  } finally {
    await source.destroy().catch(() => undefined);
    await embedded?.stop();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`Migration failed: ${error.message}\n`);
  process.exit(1);
});
