import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { CaseClosed, DomainEvent } from './domain-events';

/** A reaction to a domain event, run in the producer's transaction. */
export type DomainEventHandler = (manager: EntityManager, event: DomainEvent) => Promise<void>;

/**
 * The one publisher of domain events. A producer announces what happened in its own transaction;
 * every subscriber reacts in that same transaction, so the change and its consequences commit or
 * roll back together. Producers know no consumer; consumers subscribe at start-up.
 */
@Injectable()
export class DomainEventPublisher {
  private readonly handlers: DomainEventHandler[] = [];

  subscribe(handler: DomainEventHandler): void {
    this.handlers.push(handler);
  }

  /**
   * Rows a feature keeps under their case's jurisdiction follow the case when it is transferred to
   * another jurisdiction's coordination, in the transfer's transaction: the old jurisdiction's
   * access ends with the case's, and the new one sees the whole of it.
   */
  followCaseTransfers(
    move: (manager: EntityManager, caseId: string, jurisdiction: string) => Promise<unknown>,
  ): void {
    this.subscribe(async (manager, event) => {
      if (event.type === 'case.transferred') await move(manager, event.caseId, event.to);
    });
  }

  /**
   * What a feature keeps open on a case ends when the case is closed, in the closure's
   * transaction: each owner ends its own rows (and audits it). A later incident reopens the case,
   * not what its closure ended.
   */
  followCaseClosures(end: (manager: EntityManager, event: CaseClosed) => Promise<unknown>): void {
    this.subscribe(async (manager, event) => {
      if (event.type === 'case.closed') await end(manager, event);
    });
  }

  async publish(manager: EntityManager, event: DomainEvent): Promise<void> {
    for (const handler of this.handlers) await handler(manager, event);
  }
}
