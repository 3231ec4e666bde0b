import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { AuditModule } from '../audit/audit.module';
import { CasesModule } from '../cases/cases.module';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { PushModule } from '../push/push.module';
import { loadObligationTemplates } from './domain/obligation-templates';
import { FollowUpObligation } from './follow-up-obligation.entity';
import { ObligationNotification } from './obligation-notification.entity';
import { OBLIGATION_TEMPLATES, ObligationPlanner } from './obligation-planner';
import { ObligationsController } from './obligations.controller';
import { ObligationsRepository } from './obligations.repository';
import { ObligationsScheduler } from './obligations.scheduler';
import { ObligationsService } from './obligations.service';
import { WatchedAllocation } from './watched-allocation.entity';

@Module({
  imports: [
    TypeOrmModule.forFeature([FollowUpObligation, ObligationNotification, WatchedAllocation]),
    AuditModule,
    CasesModule,
    PushModule,
  ],
  controllers: [ObligationsController],
  providers: [
    {
      provide: OBLIGATION_TEMPLATES,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => loadObligationTemplates(config.rulesDir),
    },
    ObligationsRepository,
    ObligationPlanner,
    ObligationsService,
    ObligationsScheduler,
  ],
})
export class ObligationsModule {}
