import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { AssessmentsModule } from '../assessments/assessments.module';
import { AuditModule } from '../audit/audit.module';
import { CasesModule } from '../cases/cases.module';
import { DevicesModule } from '../devices/devices.module';
import { AllocationEvent } from './allocation-event.entity';
import { AllocationExpiryScheduler } from './allocation-expiry.scheduler';
import { AllocationsController } from './allocations.controller';
import { AllocationsRepository } from './allocations.repository';
import { AllocationsService } from './allocations.service';
import { TgdAllocation } from './tgd-allocation.entity';
import { TgdRequest } from './tgd-request.entity';
import { TgdRequestFeed } from './tgd-request-feed';
import { TgdRequestFeedEntry } from './tgd-request-feed-entry.entity';
import { TgdRequestsService } from './tgd-requests.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([TgdRequest, TgdAllocation, AllocationEvent, TgdRequestFeedEntry]),
    AuditModule,
    CasesModule,
    AssessmentsModule,
    DevicesModule,
  ],
  controllers: [AllocationsController],
  providers: [
    AllocationsRepository,
    AllocationsService,
    TgdRequestsService,
    TgdRequestFeed,
    AllocationExpiryScheduler,
  ],
  exports: [AllocationsService, TgdRequestsService],
})
export class AllocationsModule {}
