import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { AuditModule } from '../audit/audit.module';
import { CasesModule } from '../cases/cases.module';
import { NetworkModule } from '../network/network.module';
import { HousingController } from './housing.controller';
import { HousingRepository } from './housing.repository';
import { HousingAccess } from './housing-access';
import { HousingPlace } from './housing-place.entity';
import { HousingPlacesService } from './housing-places.service';
import { HousingRequest } from './housing-request.entity';
import { HousingRequestsService } from './housing-requests.service';
import { HousingStatisticsService } from './housing-statistics.service';

/** Emergency housing (issue #17): places, requests, allocation within capacity, nights used. */
@Module({
  imports: [
    TypeOrmModule.forFeature([HousingPlace, HousingRequest]),
    AuditModule,
    CasesModule,
    NetworkModule,
  ],
  controllers: [HousingController],
  providers: [
    HousingRepository,
    HousingAccess,
    HousingPlacesService,
    HousingRequestsService,
    HousingStatisticsService,
  ],
  exports: [HousingRequestsService],
})
export class HousingModule {}
