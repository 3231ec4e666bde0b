import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { APP_CONFIG, AppConfig } from '../config/app-config';
import { MetricsModule } from '../metrics/metrics.module';
import { pushTransportFor } from './fcm-transport';
import { MeController } from './me.controller';
import { OperatorDuty } from './operator-duty.entity';
import { OperatorRoster } from './operator-roster';
import { OperatorsController } from './operators.controller';
import { PushAttempt } from './push-attempt.entity';
import { PushDelivery } from './push-delivery.entity';
import { PushDispatcher } from './push-dispatcher';
import { PushGauges } from './push-gauges';
import { PushOutbox } from './push-outbox';
import { PushToken } from './push-token.entity';
import { PUSH_TRANSPORT } from './push-transport.token';
import { RequestNotifier } from './request-notifier';

@Module({
  imports: [
    TypeOrmModule.forFeature([PushToken, OperatorDuty, PushDelivery, PushAttempt]),
    MetricsModule,
  ],
  controllers: [OperatorsController, MeController],
  providers: [
    RequestNotifier,
    {
      provide: PUSH_TRANSPORT,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => pushTransportFor(config.push),
    },
    OperatorRoster,
    PushOutbox,
    PushDispatcher,
    PushGauges,
  ],
  exports: [OperatorRoster, PushOutbox, PushDispatcher],
})
export class PushModule {}
