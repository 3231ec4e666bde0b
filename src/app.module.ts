import { DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { LoggerModule } from 'nestjs-pino';

import { AlarmsModule } from './alarms/alarms.module';
import { AllocationsModule } from './allocations/allocations.module';
import { AssessmentsModule } from './assessments/assessments.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CasesModule } from './cases/cases.module';
import { CommonModule } from './common/common.module';
import { loggerOptions } from './common/logging';
import { ConcertationModule } from './concertation/concertation.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { ConsoleModule } from './console/console.module';
import { DatabaseModule } from './database/database.module';
import { DevicesModule } from './devices/devices.module';
import { HealthModule } from './health/health.module';
import { HousingModule } from './housing/housing.module';
import { MetricsModule } from './metrics/metrics.module';
import { NetworkModule } from './network/network.module';
import { ObligationsModule } from './obligations/obligations.module';
import { PushModule } from './push/push.module';
import { QuestionnairesModule } from './questionnaires/questionnaires.module';
import { RecommendationsModule } from './recommendations/recommendations.module';
import { ReferralsModule } from './referrals/referrals.module';
import { SupervisionModule } from './supervision/supervision.module';

@Module({})
export class AppModule {
  /** `databaseUrl`: the server from DATABASE_URL, or the embedded PGlite started before Nest. */
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forConfig(config),
        LoggerModule.forRoot(loggerOptions(config)),
        ScheduleModule.forRoot(),
        DatabaseModule.forUrl(databaseUrl, config.databasePoolSize, !config.migrationDatabaseUrl),
        CommonModule,
        AuthModule,
        ConsoleModule,
        AuditModule,
        CasesModule,
        QuestionnairesModule,
        AssessmentsModule,
        DevicesModule,
        AllocationsModule,
        RecommendationsModule,
        SupervisionModule,
        NetworkModule,
        HousingModule,
        ReferralsModule,
        ConcertationModule,
        PushModule,
        AlarmsModule,
        ObligationsModule,
        HealthModule,
        MetricsModule,
      ],
    };
  }
}
