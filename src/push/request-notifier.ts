import { Injectable, OnModuleInit } from '@nestjs/common';

import { DomainEventPublisher } from '../common/domain-event-publisher';
import { DomainEvent } from '../common/domain-events';
import { ObligationNotice } from './push-outbox';
import { PushOutbox } from './push-outbox';

/**
 * Whoever must act on something new learns of it without polling, by a push queued in the
 * transaction that makes it: a TGD request filed reaches the phones of the jurisdiction's
 * prosecutors; a referral sent, or a concertation action assigned, the phones of the partner
 * organisation's staff. The payload names no one: ids only, read then over the authenticated API.
 */
@Injectable()
export class RequestNotifier implements OnModuleInit {
  constructor(
    private readonly events: DomainEventPublisher,
    private readonly outbox: PushOutbox,
  ) {}

  onModuleInit(): void {
    this.events.subscribe(async (manager, event) => {
      const notice = noticeOf(event);
      if (notice) await this.outbox.queueNotices(manager, [notice]);
    });
  }
}

/** The push an event calls for, if any. */
function noticeOf(event: DomainEvent): ObligationNotice | null {
  switch (event.type) {
    case 'tgd-request.filed':
      return {
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
      };
    case 'referral.sent':
      return {
        notificationId: event.referralId,
        responsible: 'partner',
        jurisdiction: event.jurisdiction,
        coordinatorId: '',
        partnerId: event.partnerId,
        payload: {
          type: 'referral',
          notificationId: event.referralId,
          referralId: event.referralId,
        },
      };
    case 'concertation.action-assigned':
      return {
        notificationId: event.actionId,
        responsible: 'partner',
        jurisdiction: event.jurisdiction,
        coordinatorId: '',
        partnerId: event.partnerId,
        payload: {
          type: 'concertation-action',
          notificationId: event.actionId,
          actionId: event.actionId,
        },
      };
    default:
      return null;
  }
}
