import { Module } from '@nestjs/common';

import { ConsoleController } from './console.controller';

/** The web console's settings; its files are served by `serveConsole` (see app.setup.ts). */
@Module({ controllers: [ConsoleController] })
export class ConsoleModule {}
