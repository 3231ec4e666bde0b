import { Injectable } from '@nestjs/common';
import { Brackets, EntityManager } from 'typeorm';

import type { PlaceKind, RequestStatus, Stay } from './domain/housing';
import { HousingPlace } from './housing-place.entity';
import { HousingRequest } from './housing-request.entity';

export interface PlaceFilter {
  /** Jurisdictions in view; null: all. */
  jurisdictions: readonly string[] | null;
  partnerId?: string;
  kind?: PlaceKind;
  page: number;
  pageSize: number;
}

export interface RequestFilter {
  /** Requests of these jurisdictions (null: all); a partner's, only while waiting. */
  jurisdictions: readonly string[] | null;
  /** A partner: the waiting requests of `jurisdictions`, and those housed on its own places. */
  partnerId?: string;
  status?: RequestStatus;
  caseId?: string;
  page: number;
  pageSize: number;
}

export interface PlaceStay extends Stay {
  placeId: string;
}

/**
 * The one place emergency housing's tables (housing_place, housing_request) are written and read.
 * An allocation locks its place's row first (`lockPlace`), so two allocations on one place are
 * checked against capacity one after the other, never both against the same stays.
 */
@Injectable()
export class HousingRepository {
  /** The place, locked for update until the transaction ends. */
  lockPlace(manager: EntityManager, id: string): Promise<HousingPlace | null> {
    return manager
      .getRepository(HousingPlace)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  findPlace(manager: EntityManager, id: string): Promise<HousingPlace | null> {
    return manager.getRepository(HousingPlace).findOne({ where: { id } });
  }

  placesByIds(manager: EntityManager, ids: string[]): Promise<HousingPlace[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return manager
      .getRepository(HousingPlace)
      .createQueryBuilder('p')
      .where('p.id IN (:...ids)', { ids })
      .getMany();
  }

  placesPage(manager: EntityManager, filter: PlaceFilter): Promise<[HousingPlace[], number]> {
    const qb = manager.getRepository(HousingPlace).createQueryBuilder('p');
    if (filter.jurisdictions) qb.andWhere('p.jurisdiction IN (:...j)', { j: filter.jurisdictions });
    if (filter.partnerId) qb.andWhere('p.partner_id = :partner', { partner: filter.partnerId });
    if (filter.kind) qb.andWhere('p.kind = :kind', { kind: filter.kind });
    return qb
      .orderBy('p.active', 'DESC')
      .addOrderBy('p.jurisdiction', 'ASC')
      .addOrderBy('p.name', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .skip((filter.page - 1) * filter.pageSize)
      .take(filter.pageSize)
      .getManyAndCount();
  }

  /**
   * The allocated and released stays of the places that hold a night of [from, until); `except`
   * leaves out one request (the one being allocated).
   */
  async staysOverlapping(
    manager: EntityManager,
    placeIds: string[],
    from: string,
    until: string,
  ): Promise<PlaceStay[]> {
    if (placeIds.length === 0) return [];
    const rows: Array<{ place_id: string; stay_from: string; stay_until: string; usage: number }> =
      await manager.query(
        `SELECT place_id, to_char(stay_from, 'YYYY-MM-DD') AS stay_from,
           to_char(stay_until, 'YYYY-MM-DD') AS stay_until, usage
         FROM housing_request
         WHERE place_id = ANY($1::uuid[]) AND status IN ('allocated', 'released')
           AND stay_from < $3::date AND stay_until > $2::date`,
        [placeIds, from, until],
      );
    return rows.map((r) => ({
      placeId: r.place_id,
      from: r.stay_from,
      until: r.stay_until,
      usage: Number(r.usage),
    }));
  }

  /** A transferred case's rows follow it to its new jurisdiction. */
  moveCase(manager: EntityManager, caseId: string, jurisdiction: string) {
    return manager.update(HousingRequest, { caseId }, { jurisdiction });
  }

  /** A case's requests still on the waiting list, locked: those its closure withdraws. */
  waitingOfCase(manager: EntityManager, caseId: string): Promise<HousingRequest[]> {
    return manager.getRepository(HousingRequest).find({
      where: { caseId, status: 'waiting' },
      lock: { mode: 'pessimistic_write' },
      order: { requestedAt: 'ASC', id: 'ASC' },
    });
  }

  findRequest(manager: EntityManager, id: string, lock = false): Promise<HousingRequest | null> {
    return manager.getRepository(HousingRequest).findOne({
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  /** The waiting list (status waiting) the most urgent then the oldest first; otherwise the newest first. */
  requestsPage(manager: EntityManager, filter: RequestFilter): Promise<[HousingRequest[], number]> {
    const qb = manager.getRepository(HousingRequest).createQueryBuilder('r');
    if (filter.partnerId) {
      const partnerId = filter.partnerId;
      const jurisdictions = filter.jurisdictions;
      qb.andWhere(
        new Brackets((w) => {
          w.where('r.partner_id = :partnerId', { partnerId });
          if (jurisdictions && jurisdictions.length > 0)
            w.orWhere(`(r.status = 'waiting' AND r.jurisdiction IN (:...pj))`, {
              pj: jurisdictions,
            });
        }),
      );
    } else if (filter.jurisdictions)
      qb.andWhere('r.jurisdiction IN (:...j)', { j: filter.jurisdictions });
    if (filter.status) qb.andWhere('r.status = :status', { status: filter.status });
    if (filter.caseId) qb.andWhere('r.case_id = :caseId', { caseId: filter.caseId });
    if (filter.status === 'waiting')
      qb.orderBy('r.urgency_rank', 'ASC').addOrderBy('r.requested_at', 'ASC');
    else qb.orderBy('r.requested_at', 'DESC');
    return qb
      .addOrderBy('r.id', 'ASC')
      .skip((filter.page - 1) * filter.pageSize)
      .take(filter.pageSize)
      .getManyAndCount();
  }

  async countWaiting(manager: EntityManager, jurisdictions: readonly string[] | null) {
    const qb = manager
      .getRepository(HousingRequest)
      .createQueryBuilder('r')
      .where(`r.status = 'waiting'`);
    if (jurisdictions) qb.andWhere('r.jurisdiction IN (:...j)', { j: jurisdictions });
    return qb.getCount();
  }

  /** Every place in view, for statistics (no paging: a network has a handful). */
  placesIn(
    manager: EntityManager,
    jurisdictions: readonly string[] | null,
    partnerId?: string,
  ): Promise<HousingPlace[]> {
    const qb = manager.getRepository(HousingPlace).createQueryBuilder('p');
    if (jurisdictions) qb.andWhere('p.jurisdiction IN (:...j)', { j: jurisdictions });
    if (partnerId) qb.andWhere('p.partner_id = :partnerId', { partnerId });
    return qb.orderBy('p.name', 'ASC').addOrderBy('p.id', 'ASC').take(500).getMany();
  }
}
