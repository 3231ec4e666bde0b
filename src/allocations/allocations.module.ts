import { Module } from '@nestjs/common';
import { AssessmentsModule } from '../assessments/assessments.module';
import { AuditModule } from '../audit/audit.module';
import { CasesModule } from '../cases/cases.module';
import { DevicesModule } from '../devices/devices.module';
import { ObligationsModule } from '../obligations/obligations.module';
import { AllocationExpiryScheduler } from './allocation-expiry.scheduler';
import { AllocationsController } from './allocations.controller';
import { AllocationsService } from './allocations.service';

@Module({
  imports: [AuditModule, CasesModule, AssessmentsModule, DevicesModule, ObligationsModule],
  controllers: [AllocationsController],
  providers: [AllocationsService, AllocationExpiryScheduler],
  exports: [AllocationsService],
})
export class AllocationsModule {}
