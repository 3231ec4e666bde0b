import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';
import { AuditChainJob } from './audit-chain.job';
import { AuditChainLink } from './audit-chain-link.entity';
import { AuditRecord } from './audit-record.entity';
import { UnitOfWork } from './unit-of-work';

@Module({
  imports: [TypeOrmModule.forFeature([AuditRecord, AuditChainLink])],
  controllers: [AuditController],
  providers: [AuditService, AuditChainJob, UnitOfWork],
  exports: [AuditService, UnitOfWork],
})
export class AuditModule {}
