import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { AlarmsModule } from '../alarms/alarms.module';
import { AuditModule } from '../audit/audit.module';
import { CasesModule } from '../cases/cases.module';
import { PushModule } from '../push/push.module';
import { DeviceSupervision } from './device-supervision.entity';
import { SupervisionController } from './supervision.controller';
import { SupervisionRepository } from './supervision.repository';
import { SupervisionService } from './supervision.service';
import { SupervisionScanJob } from './supervision-scan.job';
import { TechnicalAlert } from './technical-alert.entity';

/** Device supervision and the technical queue (issue #15). */
@Module({
  imports: [
    TypeOrmModule.forFeature([DeviceSupervision, TechnicalAlert]),
    AuditModule,
    AlarmsModule,
    CasesModule,
    PushModule,
  ],
  controllers: [SupervisionController],
  providers: [SupervisionRepository, SupervisionService, SupervisionScanJob],
  exports: [SupervisionService],
})
export class SupervisionModule {}
