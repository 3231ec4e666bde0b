import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { PushModule } from '../push/push.module';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { loadObligationTemplates } from './domain/obligation-templates';
import { ObligationsController } from './obligations.controller';
import { ObligationsScheduler } from './obligations.scheduler';
import { OBLIGATION_TEMPLATES, ObligationsService } from './obligations.service';

@Module({
  imports: [AuditModule, PushModule],
  controllers: [ObligationsController],
  providers: [
    {
      provide: OBLIGATION_TEMPLATES,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => loadObligationTemplates(config.rulesDir),
    },
    ObligationsService,
    ObligationsScheduler,
  ],
  exports: [ObligationsService],
})
export class ObligationsModule {}
