import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { DomainEvent } from './domain-events';

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

  async publish(manager: EntityManager, event: DomainEvent): Promise<void> {
    for (const handler of this.handlers) await handler(manager, event);
  }
}
