import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { AuditModule } from '../audit/audit.module';
import { BlindIndex } from './blind-index';
import { CaseEvent } from './case-event.entity';
import { CaseFile } from './case-file.entity';
import { CaseLifecycleService } from './case-lifecycle.service';
import { CaseViews } from './case-views';
import { CasesController } from './cases.controller';
import { CasesRepository } from './cases.repository';
import { CasesService } from './cases.service';
import { ChildrenService } from './children.service';
import { IdentityKeysJob } from './identity-keys.job';
import { VictimIdentityKey } from './victim-identity-key.entity';

@Module({
  imports: [TypeOrmModule.forFeature([CaseFile, CaseEvent, VictimIdentityKey]), AuditModule],
  controllers: [CasesController],
  providers: [
    CasesRepository,
    CaseViews,
    BlindIndex,
    CasesService,
    CaseLifecycleService,
    ChildrenService,
    IdentityKeysJob,
  ],
  exports: [CasesService],
})
export class CasesModule {}
