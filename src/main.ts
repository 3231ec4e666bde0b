import 'reflect-metadata';

import { Logger } from '@nestjs/common';

import { ConfigError, loadConfig, readEnvironment } from './config/app-config';
import { createService } from './server';

async function main(): Promise<void> {
  const config = loadConfig(readEnvironment());
  const service = await createService(config);
  const stop = () => {
    service.stop().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  await service.app.listen(config.port, config.host);
  // Where the socket really listens (getUrl() would print 127.0.0.1 for 0.0.0.0).
  const address = service.app.getHttpServer().address() as { address: string; port: number };
  const host = address.address.includes(':') ? `[${address.address}]` : address.address;
  new Logger('Service').log(`Listening on http://${host}:${address.port}`);
}

main().catch((error: unknown) => {
  // Start-up faults (configuration, rules files, database) are reported in one line and stop the process.
  const message =
    error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`Start-up failed: ${message}\n`);
  process.exit(1);
});
