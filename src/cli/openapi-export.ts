import { writeFileSync } from 'node:fs';

import { openApiDocument } from '../app.setup';
import { loadConfig } from '../config/app-config';
import { createService } from '../server';

/**
 * `npm run openapi:export [file]`: writes the OpenAPI document, as /docs-json serves it, without
 * listening (an in-memory embedded database backs the application while it is described).
 */
async function main(): Promise<void> {
  const file = process.argv[2] ?? 'web/src/api/openapi.json';
  const config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent' });
  const service = await createService({ ...config, pgliteDataDir: '', docsEnabled: false });
  try {
    writeFileSync(file, `${JSON.stringify(openApiDocument(service.app), null, 2)}\n`);
  } finally {
    await service.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `openapi:export failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
