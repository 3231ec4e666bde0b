import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

import { Actor } from '../auth/actor';
import { DomainEventPublisher } from '../common/domain-event-publisher';
import { DomainEvent } from '../common/domain-events';
import { retryTransient } from '../common/transient';
import { AuditService, findInScope } from './audit.service';
import { AuditDetail } from './domain/audit-detail';

/** A row of a jurisdiction-scoped entity. */
export type ScopedRow = ObjectLiteral & { id: string; jurisdiction: string };

/** A jurisdiction-scoped entity as a unit of work finds and audits it. */
export interface Scope<T extends ScopedRow> {
  entity: EntityTarget<T>;
  /** Its name in audit records. */
  type: string;
  /** Its name in a refusal: "<label> <id> was not found." */
  label: string;
}

/** One transaction of one actor: what a feature's operation finds, audits and announces in it. */
export class Work {
  constructor(
    readonly manager: EntityManager,
    readonly actor: Actor,
    private readonly audit: AuditService,
    private readonly events: DomainEventPublisher,
  ) {}

  /** The row, optionally locked; missing or outside the actor's scope, a 404 audited as refused. */
  find<T extends ScopedRow>(scope: Scope<T>, id: string, action: string, lock = false) {
    return findInScope(
      this.manager,
      scope.entity,
      this.actor,
      { id, action, entityType: scope.type, label: scope.label },
      lock,
    );
  }

  /** Reads one row in scope and audits the read (`via`: the operation it is read for). */
  async read<T extends ScopedRow>(
    scope: Scope<T>,
    id: string,
    action: string,
    detail?: AuditDetail,
  ) {
    const row = await this.find(scope, id, action);
    await this.audited(scope, row, action, detail);
    return row;
  }

  /** A success record of `action` on the row (its id, jurisdiction and case), committed with the change. */
  audited<T extends ScopedRow>(
    scope: Scope<T>,
    row: Pick<T, 'id' | 'jurisdiction'> & { caseId?: string | null },
    action: string,
    detail?: AuditDetail,
  ) {
    return this.audit.record(
      this.actor,
      [
        {
          action,
          entityType: scope.type,
          entityId: row.id,
          jurisdiction: row.jurisdiction,
          caseId: row.caseId ?? null,
          outcome: 'success',
          detail,
        },
      ],
      this.manager,
    );
  }

  /** Announces what happened; subscribers react in this transaction. */
  publish(event: DomainEvent): Promise<void> {
    return this.events.publish(this.manager, event);
  }
}

/**
 * The one shape of every guarded operation on protected data: in one transaction, find in the
 * actor's scope, lock, change, audit, map. A refusal (missing or out of scope) is audited after the
 * rollback; `retry` runs the whole transaction again after a deadlock or serialisation failure.
 */
@Injectable()
export class UnitOfWork {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly events: DomainEventPublisher,
  ) {}

  run<R>(actor: Actor, work: (w: Work) => Promise<R>, options: { retry?: boolean } = {}) {
    const once = () => this.db.transaction((manager) => work(this.within(manager, actor)));
    return this.audit.refusing(actor, options.retry ? () => retryTransient(once) : once);
  }

  /** Another feature's transaction, joined: what it reads here is found and audited the same way. */
  within(manager: EntityManager, actor: Actor): Work {
    return new Work(manager, actor, this.audit, this.events);
  }

  /**
   * The service itself reacting to an event, in the producer's transaction: its writes are audited
   * as `system:<event type>`, acting in every jurisdiction.
   */
  reacting(manager: EntityManager, event: DomainEvent): Work {
    return this.within(manager, new Actor(`system:${event.type}`, [], ['*']));
  }

  /** Reads one row in scope, audits the read, maps it. */
  read<T extends ScopedRow, R>(
    actor: Actor,
    scope: Scope<T>,
    id: string,
    action: string,
    map: (row: T, w: Work) => R | Promise<R>,
  ): Promise<R> {
    return this.run(actor, async (w) => map(await w.read(scope, id, action), w));
  }

  /** Locks one row in scope, lets `mutate` change it (returning the audit detail), saves, audits, maps. */
  change<T extends ScopedRow, R>(
    actor: Actor,
    scope: Scope<T>,
    id: string,
    action: string,
    mutate: (row: T, w: Work) => Promise<AuditDetail | undefined> | AuditDetail | undefined,
    map: (row: T, w: Work) => R | Promise<R>,
    options: { retry?: boolean } = {},
  ): Promise<R> {
    return this.run(
      actor,
      async (w) => {
        const row = await w.find(scope, id, action, true);
        const detail = await mutate(row, w);
        const saved = await w.manager.save(row);
        await w.audited(scope, saved, action, detail);
        return map(saved, w);
      },
      options,
    );
  }
}
