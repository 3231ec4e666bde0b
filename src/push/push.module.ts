import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { pushTransportFor } from './fcm-transport';
import { OperatorsController } from './operators.controller';
import { PUSH_TRANSPORT, PushService } from './push.service';

@Module({
  controllers: [OperatorsController],
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
