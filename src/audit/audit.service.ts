import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Actor } from '../auth/actor';
import { Clock } from '../common/clock';
import { Page } from '../common/dto/page';
import { AuditDetail, AuditOutcome, AuditRecord } from './audit-record.entity';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  jurisdiction?: string | null;
  outcome: AuditOutcome;
  detail?: AuditDetail;
}

export interface AuditQuery {
  entityId?: string;
  actorId?: string;
  action?: string;
  page: number;
  pageSize: number;
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
      entries.map((entry) =>
        repository.create({
        occurredAt,
        actorId: actor.subject,
        actorRole: actor.roleLabel,
        requestId: actor.requestId || null,
        action: entry.action,
        entityType: entry.entityType,
        entityId: entry.entityId ?? null,
        jurisdiction: entry.jurisdiction ?? null,
        outcome: entry.outcome,
          detail: entry.detail ?? null,
        }),
      ),
    );
  }

  async search(query: AuditQuery): Promise<Page<AuditRecord>> {
    const qb = this.records.createQueryBuilder('a');
    if (query.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: query.entityId });
    if (query.actorId) qb.andWhere('a.actor_id = :actorId', { actorId: query.actorId });
    if (query.action) qb.andWhere('a.action = :action', { action: query.action });
    const [items, total] = await qb
      .orderBy('a.occurred_at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { items, total, page: query.page, pageSize: query.pageSize };
  }
}
