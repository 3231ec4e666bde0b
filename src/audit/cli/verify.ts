import 'reflect-metadata';

import { DataSource } from 'typeorm';

import { loadConfig, readEnvironment } from '../../config/app-config';
import { dataSourceOptions } from '../../database/data-source-options';
import { resolveDatabase } from '../../server';
import { sealAuditChain, verifyAuditChain } from '../audit-chain';

/**
 * `npm run audit:verify`: links what is not linked yet, then walks the audit trail's hash chain and
 * names the first broken link. Exits 1 when the chain is broken.
 */
async function main(): Promise<void> {
  const config = loadConfig(readEnvironment());
  const { url, embedded } = await resolveDatabase(config);
  const source = new DataSource(dataSourceOptions(config.migrationDatabaseUrl ?? url, 1));
  try {
    await source.initialize();
    await sealAuditChain(source);
    const report = await verifyAuditChain(source);
    if (report.broken) {
      const { position, recordId, fault } = report.broken;
      process.stdout.write(
        `Audit chain BROKEN at link ${position} (audit record ${recordId}): ${fault}. ${report.links} links hold before it.\n`,
      );
      process.exitCode = 1;
    } else {
      process.stdout.write(
        `Audit chain holds: ${report.links} links; ${report.unlinked} records not linked yet.\n`,
      );
    }
  } finally {
    await source.destroy().catch(() => undefined);
    await embedded?.stop();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`Audit verification failed: ${error.message}\n`);
  process.exit(2);
});
