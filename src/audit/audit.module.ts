import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditController } from './audit.controller';
import { AuditRecord } from './audit-record.entity';
import { AuditChainJob } from './audit-chain.job';
import { AuditService } from './audit.service';

@Module({
  imports: [TypeOrmModule.forFeature([AuditRecord])],
  controllers: [AuditController],
  providers: [AuditService, AuditChainJob],
  exports: [AuditService],
})
export class AuditModule {}
