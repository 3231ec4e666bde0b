import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';

import { AlarmsModule } from '../alarms/alarms.module';
import { PushModule } from '../push/push.module';
import { HealthController } from './health.controller';

@Module({
  imports: [TerminusModule.forRoot({ logger: false }), PushModule, AlarmsModule],
  controllers: [HealthController],
})
export class HealthModule {}
