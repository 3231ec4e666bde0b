import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { MetricsModule } from '../metrics/metrics.module';
import { pushTransportFor } from './fcm-transport';
import { MeController } from './me.controller';
import { OperatorsController } from './operators.controller';
import { PUSH_TRANSPORT, PushService } from './push.service';

@Module({
  imports: [MetricsModule],
  controllers: [OperatorsController, MeController],
  providers: [
    {
      provide: PUSH_TRANSPORT,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => pushTransportFor(config.push),
    },
    PushService,
  ],
  exports: [PushService],
})
export class PushModule {}
