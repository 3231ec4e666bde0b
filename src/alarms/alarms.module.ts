import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { AllocationsModule } from '../allocations/allocations.module';
import { AssessmentsModule } from '../assessments/assessments.module';
import { AuditModule } from '../audit/audit.module';
import { CasesModule } from '../cases/cases.module';
import { MetricsModule } from '../metrics/metrics.module';
import { PushModule } from '../push/push.module';
import { Alarm } from './alarm.entity';
import { AlarmEscalationJob } from './alarm-escalation.job';
import { AlarmFeed } from './alarm-feed';
import { AlarmFeedEntry } from './alarm-feed-entry.entity';
import { AlarmStatisticsController } from './alarm-statistics.controller';
import { AlarmStatisticsRepository } from './alarm-statistics.repository';
import { AlarmStatisticsService } from './alarm-statistics.service';
import { AlarmTrackPoint } from './alarm-track-point.entity';
import { AlarmsController } from './alarms.controller';
import { AlarmsRepository } from './alarms.repository';
import { AlarmsService } from './alarms.service';
import { CoverageController } from './coverage.controller';
import { CoverageCheckJob, CoverageService } from './coverage.service';
import { DeviceEvent } from './device-event.entity';
import { IngestionService } from './ingestion.service';
import { PositionRetentionJob } from './position-retention.job';
import { PositionRetentionService } from './position-retention.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Alarm, AlarmTrackPoint, DeviceEvent, AlarmFeedEntry]),
    AuditModule,
    CasesModule,
    AssessmentsModule,
    AllocationsModule,
    PushModule,
    MetricsModule,
  ],
  controllers: [AlarmsController, CoverageController, AlarmStatisticsController],
  providers: [
    AlarmFeed,
    PositionRetentionService,
    PositionRetentionJob,
    AlarmStatisticsRepository,
    AlarmStatisticsService,
    AlarmsRepository,
    IngestionService,
    AlarmsService,
    AlarmEscalationJob,
    CoverageService,
    CoverageCheckJob,
  ],
  exports: [AlarmsService, CoverageService],
})
export class AlarmsModule {}
