import { Injectable, OnModuleInit } from '@nestjs/common';

import { DomainEventPublisher } from '../common/domain-event-publisher';
import { DomainEvent } from '../common/domain-events';
import { ObligationNotice } from './push-outbox';
import { PushOutbox } from './push-outbox';

/**
 * Whoever must act on something new learns of it without polling, by a push queued in the
 * transaction that makes it: a TGD request filed reaches the phones of the jurisdiction's
 * prosecutors; a referral sent, or a concertation action assigned, the phones of the partner
 * organisation's staff; a request for an emergency place, the phones of the housing partners whose
 * waiting list it is on. The payload names no one: ids only, read then over the authenticated API.
 */
@Injectable()
export class RequestNotifier implements OnModuleInit {
  constructor(
    private readonly events: DomainEventPublisher,
    private readonly outbox: PushOutbox,
  ) {}

  onModuleInit(): void {
    this.events.subscribe(async (manager, event) => {
      const notices = noticesOf(event);
      if (notices.length > 0) await this.outbox.queueNotices(manager, notices);
    });
  }
}

/** The pushes an event calls for, if any. */
function noticesOf(event: DomainEvent): ObligationNotice[] {
  switch (event.type) {
    case 'tgd-request.filed':
      return [
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
      ];
    case 'referral.sent':
      return [
        {
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
        },
      ];
    case 'concertation.action-assigned':
      return [
        {
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
        },
      ];
    case 'housing.requested':
      // On the waiting list of every housing partner of the networks covering the case.
      return event.partnerIds.map((partnerId) => ({
        notificationId: event.requestId,
        responsible: 'partner',
        jurisdiction: event.jurisdiction,
        coordinatorId: '',
        partnerId,
        payload: {
          type: 'housing-request',
          notificationId: event.requestId,
          requestId: event.requestId,
          urgency: event.urgency,
        },
      }));
    default:
      return [];
  }
}
