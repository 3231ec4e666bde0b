import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { AuditModule } from '../audit/audit.module';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { loadNetworkSeeds } from './domain/network-seeds';
import { NetworkController } from './network.controller';
import { Network } from './network.entity';
import { NetworkRepository } from './network.repository';
import { NETWORK_SEEDS, NetworkService } from './network.service';
import { Partner } from './partner.entity';

/** Networks, partner organisations and the directory (issue #17). Exports NetworkService. */
@Module({
  imports: [TypeOrmModule.forFeature([Network, Partner]), AuditModule],
  controllers: [NetworkController],
  providers: [
    {
      provide: NETWORK_SEEDS,
      inject: [APP_CONFIG],
      // A broken file stops start-up here, naming the file and the fault.
      useFactory: (config: AppConfig) => loadNetworkSeeds(config.rulesDir),
    },
    NetworkRepository,
    NetworkService,
  ],
  exports: [NetworkService],
})
export class NetworkModule {}
