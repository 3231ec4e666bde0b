import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  DataSource,
  EntityManager,
  FindOptionsOrder,
  FindOptionsWhere,
  In,
  LessThanOrEqual,
} from 'typeorm';

import { Actor } from '../auth/actor';
import { AllocationEvent } from './allocation-event.entity';
import { DevicePlacement } from './domain/placement';
import { TgdAllocation } from './tgd-allocation.entity';
import { TgdRequest } from './tgd-request.entity';

/** A page of a listing filtered by jurisdiction and status. */
export interface ScopedQuery {
  jurisdiction?: string;
  status?: string;
  /** Allocations only: ending at or before this instant. */
  endingBefore?: string;
  /** Requests only: on these cases alone. */
  caseIds?: readonly string[];
  page: number;
  pageSize: number;
}

/**
 * The one place the requests' and allocations' tables (tgd_request, tgd_allocation,
 * allocation_event) are written and queried. Every method but the gateway's `placementOf` takes
 * the caller's transaction.
 */
@Injectable()
export class AllocationsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insertRequest(manager: EntityManager, request: TgdRequest): Promise<void> {
    await manager.insert(TgdRequest, request);
  }

  async insertAllocation(manager: EntityManager, allocation: TgdAllocation): Promise<void> {
    await manager.insert(TgdAllocation, allocation);
  }

  /** What stands in the way of a new request: an allocation in force or a request pending. */
  async pendingOrActive(manager: EntityManager, caseId: string) {
    return {
      active: await manager
        .getRepository(TgdAllocation)
        .exists({ where: { caseId, status: 'active' } }),
      pending: await manager
        .getRepository(TgdRequest)
        .exists({ where: { caseId, status: 'pending' } }),
    };
  }

  requestsOfCase(manager: EntityManager, caseId: string): Promise<TgdRequest[]> {
    return manager
      .getRepository(TgdRequest)
      .find({ where: { caseId }, order: { filedAt: 'DESC' } });
  }

  /** A page of requests or allocations of the actor's jurisdictions (null: none visible). */
  async pageInScope<T extends TgdRequest | TgdAllocation>(
    manager: EntityManager,
    entity: new () => T,
    actor: Actor,
    query: ScopedQuery,
    order: FindOptionsOrder<T>,
  ): Promise<[T[], number]> {
    const visible = actor.visibleJurisdictions(query.jurisdiction);
    if (visible && visible.length === 0) return [[], 0];
    const where = {
      ...(query.status ? { status: query.status } : {}),
      ...(visible ? { jurisdiction: In(visible) } : {}),
      ...(query.endingBefore ? { endsAt: LessThanOrEqual(new Date(query.endingBefore)) } : {}),
    };
    return manager.getRepository(entity).findAndCount({
      where: where as FindOptionsWhere<T>,
      order: { ...order, id: 'ASC' } as FindOptionsOrder<T>,
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
  }

  /**
   * The prosecutor's queue: requests of the actor's jurisdictions, pending first, then the most
   * dangerous (the level of the assessment each rests on, counted from its instrument's top, so
   * that instruments with different numbers of levels compare), then the oldest. The level is read
   * from the assessment's row in the same statement, read-only, because a page must be ordered
   * before it is cut; everything else about the assessment goes through its service.
   */
  async requestQueue(
    manager: EntityManager,
    actor: Actor,
    query: ScopedQuery,
  ): Promise<[TgdRequest[], number]> {
    const builder = this.requestsWhere(manager, actor, query);
    if (!builder) return [[], 0];
    return builder
      .orderBy(`CASE WHEN r.status = 'pending' THEN 0 ELSE 1 END`, 'ASC')
      .addOrderBy(
        `(SELECT a.level_count - 1 - a.level_rank FROM assessment a WHERE a.id = r.assessment_id)`,
        'ASC',
        'NULLS LAST',
      )
      .addOrderBy('r.filed_at', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .offset((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .getManyAndCount();
  }

  /** How many requests the queue's filters match: a number, no request read. */
  async countRequests(
    manager: EntityManager,
    actor: Actor,
    query: Omit<ScopedQuery, 'page' | 'pageSize'>,
  ): Promise<number> {
    return (await this.requestsWhere(manager, actor, query)?.getCount()) ?? 0;
  }

  /** The requests of the actor's jurisdictions that `query` selects; none when it selects none. */
  private requestsWhere(
    manager: EntityManager,
    actor: Actor,
    query: Omit<ScopedQuery, 'page' | 'pageSize'>,
  ) {
    const visible = actor.visibleJurisdictions(query.jurisdiction);
    if ((visible && visible.length === 0) || query.caseIds?.length === 0) return undefined;
    const builder = manager.getRepository(TgdRequest).createQueryBuilder('r');
    if (query.status) builder.andWhere('r.status = :status', { status: query.status });
    if (query.caseIds) builder.andWhere('r.case_id IN (:...caseIds)', { caseIds: query.caseIds });
    if (visible) builder.andWhere('r.jurisdiction IN (:...visible)', { visible });
    return builder;
  }

  async addEvent(manager: EntityManager, event: Omit<AllocationEvent, 'id'>): Promise<void> {
    await manager.insert(AllocationEvent, event);
  }

  history(manager: EntityManager, allocationId: string): Promise<AllocationEvent[]> {
    return manager.getRepository(AllocationEvent).find({
      where: { allocationId },
      order: { occurredAt: 'ASC', id: 'ASC' },
    });
  }

  /** Active allocations past their end, claimed (FOR UPDATE SKIP LOCKED) by this instance. */
  claimExpired(manager: EntityManager, now: Date, limit: number): Promise<TgdAllocation[]> {
    return manager
      .getRepository(TgdAllocation)
      .createQueryBuilder('a')
      .where(`a.status = 'active' AND a.ends_at <= :now`, { now })
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  /** Jurisdictions with at least one active allocation: victims who may press for help. */
  async activeJurisdictions(): Promise<string[]> {
    const rows: Array<{ jurisdiction: string }> = await this.db.query(
      `SELECT DISTINCT jurisdiction FROM tgd_allocation WHERE status = 'active' ORDER BY jurisdiction`,
    );
    return rows.map((r) => r.jurisdiction);
  }

  /**
   * Where a gateway's device event belongs: the device named by serial number or IMEI and, when an
   * active allocation holds it, that allocation with its case reference and the danger level in
   * force. The one read across owners (devices, cases, assessments): it is on every alarm's path,
   * where one statement instead of four keeps the storm's rate (bench/alarms). Read-only.
   */
  async placementOf(reference: string): Promise<DevicePlacement | null> {
    const [row] = await this.db.query(
      // One row at each step, fenced by LIMIT so that each is an index lookup from the row before.
      `SELECT d.id AS "deviceId", d.serial_number AS "serialNumber", d.jurisdiction AS "deviceJurisdiction",
              al.id AS "allocationId", al.case_id AS "caseId", al.jurisdiction, c.reference AS "caseReference",
              (SELECT s.level FROM assessment s
               WHERE s.case_id = al.case_id AND s.status = 'submitted' AND s.superseded_by IS NULL
               ORDER BY s.submitted_at DESC LIMIT 1) AS "dangerLevel"
       FROM device d
       LEFT JOIN LATERAL (SELECT allocation_id FROM device_assignment
                          WHERE device_id = d.id AND returned_at IS NULL LIMIT 1) da ON true
       LEFT JOIN LATERAL (SELECT id, case_id, jurisdiction FROM tgd_allocation
                          WHERE id = da.allocation_id AND status = 'active' LIMIT 1) al ON true
       LEFT JOIN LATERAL (SELECT reference FROM case_file WHERE id = al.case_id LIMIT 1) c ON true
       WHERE d.serial_number = $1 OR d.imei = $1`,
      [reference],
    );
    if (!row) return null;
    const { deviceId, serialNumber, deviceJurisdiction, allocationId } = row;
    return {
      deviceId,
      serialNumber,
      deviceJurisdiction,
      holder: allocationId
        ? {
            allocationId,
            caseId: row.caseId,
            jurisdiction: row.jurisdiction,
            caseReference: row.caseReference,
            dangerLevel: row.dangerLevel,
          }
        : null,
    };
  }
}
