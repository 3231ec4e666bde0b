import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * Once per run, on the embedded database: an empty PGlite cluster saved to a file, so that each
 * test file's database starts from it instead of running initdb again (see pglite-server.mjs).
 * The saved cluster is what initdb makes: every test file still migrates its own database.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_DATABASE_URL || process.env.PGLITE_TEMPLATE) return;
  const file = join(mkdtempSync(join(tmpdir(), 'tgd-pglite-')), 'empty-cluster.tar');
  await promisify(execFile)(process.execPath, [join(__dirname, 'pglite-template.mjs'), file]);
  // Read by the workers, which start after this.
  process.env.PGLITE_TEMPLATE = file;
  process.env.PGLITE_TEMPLATE_OWNED = '1';
}
