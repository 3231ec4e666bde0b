import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';

import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Clock, SystemClock } from './clock';
import { DomainEventPublisher } from './domain-event-publisher';
import { FieldCipher } from './field-cipher';
import { InputGuardInterceptor } from './input-guard.interceptor';

@Global()
@Module({
  providers: [
    { provide: APP_INTERCEPTOR, useClass: InputGuardInterceptor },
    { provide: Clock, useClass: SystemClock },
    DomainEventPublisher,
    {
      provide: FieldCipher,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new FieldCipher(config.dataEncryptionKey),
    },
  ],
  exports: [Clock, FieldCipher, DomainEventPublisher],
})
export class CommonModule {}
