import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, EntityTarget, ObjectLiteral, Repository } from 'typeorm';

import { Actor } from '../auth/actor';
import { Clock } from '../common/clock';
import { Page } from '../common/dto/page';
import { NotFoundProblem } from '../common/problems';
import { AuditRecord } from './audit-record.entity';
import { AuditDetail, AuditOutcome } from './domain/audit-detail';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  jurisdiction?: string | null;
  /** The case the entity belongs to (a case's own records need not say it). */
  caseId?: string | null;
  outcome: AuditOutcome;
  detail?: AuditDetail;
}

export interface AuditQuery {
  caseId?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  page: number;
  pageSize: number;
}

/**
 * A read or write refused because the entity is missing or outside the actor's scope. It answers 404
 * either way (existence does not leak) and is audited by `AuditService.refusing` once the failed
 * transaction has rolled back: recording it on another connection while that transaction still
 * holds its locks would deadlock the embedded database, which serialises transactions.
 */
export class AuditedRefusal extends NotFoundProblem {
  constructor(
    detail: string,
    readonly entry: AuditEntry,
  ) {
    super(detail);
  }
}

/**
 * Loads a row of a jurisdiction-scoped entity by id, optionally locked for update. Missing or outside
 * the actor's jurisdictions, it answers the same AuditedRefusal, so existence does not leak.
 */
export async function findInScope<T extends ObjectLiteral & { id: string; jurisdiction: string }>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  actor: Actor,
  refusal: { id: string; action: string; entityType: string; label: string },
  lock = false,
): Promise<T> {
  const row = await manager.getRepository(entity).findOne({
    where: { id: refusal.id } as never,
    ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
  if (!row || !actor.canActIn(row.jurisdiction)) {
    throw new AuditedRefusal(`${refusal.label} ${refusal.id} was not found.`, {
      action: refusal.action,
      entityType: refusal.entityType,
      entityId: refusal.id,
      jurisdiction: row?.jurisdiction ?? null,
      caseId: (row as { caseId?: string } | null)?.caseId ?? null,
      outcome: row ? 'denied' : 'not_found',
    });
  }
  return row;
}

/** Append-only record of every read and write of protected data. */
@Injectable()
export class AuditService {
  constructor(
    @InjectRepository(AuditRecord) private readonly records: Repository<AuditRecord>,
    private readonly clock: Clock,
  ) {}

  /**
   * Writes records for one actor. Pass the transaction's manager so a write and its audit record
   * commit or fail together.
   */
  async record(actor: Actor, entries: AuditEntry[], manager?: EntityManager): Promise<void> {
    if (entries.length === 0) return;
    const occurredAt = this.clock.now();
    const repository = manager ? manager.getRepository(AuditRecord) : this.records;
    await repository.insert(
      entries.map((entry) => ({
        ...repository.create({
          occurredAt,
          actorId: actor.subject,
          actorRole: actor.roleLabel,
          requestId: actor.requestId || null,
          action: entry.action,
          entityType: entry.entityType,
          entityId: entry.entityId ?? null,
          jurisdiction: entry.jurisdiction ?? null,
          caseId: entry.caseId ?? (entry.entityType === 'case' ? (entry.entityId ?? null) : null),
          outcome: entry.outcome,
          detail: entry.detail ?? null,
        }),
        // The writing transaction, for the hash chain's commit order.
        tx: () => 'pg_current_xact_id()::text::bigint',
      })),
    );
  }

  /** Runs `work`; an AuditedRefusal it throws is recorded, then rethrown. */
  async refusing<T>(actor: Actor, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof AuditedRefusal) await this.record(actor, [error.entry]);
      throw error;
    }
  }

  /** Records of the actor's jurisdictions only (an admin of `*` sees them all). */
  async search(actor: Actor, query: AuditQuery): Promise<Page<AuditRecord>> {
    const visible = actor.visibleJurisdictions();
    if (visible && visible.length === 0)
      return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
    const qb = this.records.createQueryBuilder('a');
    if (visible) qb.andWhere('a.jurisdiction IN (:...visible)', { visible });
    if (query.caseId) qb.andWhere('a.case_id = :caseId', { caseId: query.caseId });
    if (query.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: query.entityId });
    if (query.actorId) qb.andWhere('a.actor_id = :actorId', { actorId: query.actorId });
    if (query.action) qb.andWhere('a.action = :action', { action: query.action });
    // A case's trail reads in the order it happened; any other search, newest first.
    const order = query.caseId ? 'ASC' : 'DESC';
    const [items, total] = await qb
      .orderBy('a.occurred_at', order)
      .addOrderBy('a.id', order)
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { items, total, page: query.page, pageSize: query.pageSize };
  }
}
