import { Injectable, OnModuleInit } from '@nestjs/common';

import { DomainEventPublisher } from '../common/domain-event-publisher';
import { PushOutbox } from './push-outbox';

/**
 * A prosecutor learns of a new TGD request without polling: each request filed is pushed, in the
 * transaction that files it, to the phones of the jurisdiction's prosecutors. The payload names no
 * one: the request's id and jurisdiction, read then over the authenticated API.
 */
@Injectable()
export class RequestNotifier implements OnModuleInit {
  constructor(
    private readonly events: DomainEventPublisher,
    private readonly outbox: PushOutbox,
  ) {}

  onModuleInit(): void {
    this.events.subscribe(async (manager, event) => {
      if (event.type !== 'tgd-request.filed') return;
      await this.outbox.queueNotices(manager, [
        {
          notificationId: event.requestId,
          responsible: 'prosecutor',
          jurisdiction: event.jurisdiction,
          coordinatorId: '',
          payload: {
            type: 'tgd-request',
            notificationId: event.requestId,
            requestId: event.requestId,
            jurisdiction: event.jurisdiction,
          },
        },
      ]);
    });
  }
}
