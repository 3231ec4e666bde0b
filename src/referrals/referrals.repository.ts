import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';

import { Page } from '../common/dto/page';
import { OPEN_STATUSES, ReferralStatus } from './domain/referral';
import { Referral } from './referral.entity';

/** The one place the `referral` table is written. Methods with a manager join its transaction. */
@Injectable()
export class ReferralsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(manager: EntityManager, row: Referral): Promise<void> {
    await manager.getRepository(Referral).insert(row);
  }

  /** A transferred case's rows follow it to its new jurisdiction. */
  moveCase(manager: EntityManager, caseId: string, jurisdiction: string) {
    return manager.update(Referral, { caseId }, { jurisdiction });
  }

  /** A case's referrals, the latest first. */
  ofCase(manager: EntityManager, caseId: string): Promise<Referral[]> {
    return manager
      .getRepository(Referral)
      .find({ where: { caseId }, order: { sentAt: 'DESC', id: 'ASC' } });
  }

  /** One referral by id, whoever's, optionally locked: the service decides who may see it. */
  byId(manager: EntityManager, id: string, lock = false): Promise<Referral | null> {
    return manager.getRepository(Referral).findOne({
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  /** A partner organisation's inbox: open referrals first, then the latest. */
  async inbox(
    partnerId: string,
    query: { status?: ReferralStatus; page: number; pageSize: number },
  ): Promise<Page<Referral>> {
    const { page, pageSize } = query;
    const statuses = query.status
      ? PARTNER_VISIBLE.filter((s) => s === query.status)
      : PARTNER_VISIBLE;
    const [items, total] = await this.db
      .getRepository(Referral)
      .createQueryBuilder('r')
      .where('r.partner_id = :partnerId', { partnerId })
      .andWhere('r.status IN (:...statuses)', { statuses })
      .orderBy(`CASE WHEN r.status IN ('sent', 'accepted') THEN 0 ELSE 1 END`)
      .addOrderBy('r.sent_at', 'DESC')
      .addOrderBy('r.id', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { items, total, page, pageSize };
  }

  /** The open referrals of a case to a partner, locked: those a withdrawn consent ends. */
  openTo(manager: EntityManager, caseId: string, partnerId: string): Promise<Referral[]> {
    return manager.getRepository(Referral).find({
      where: { caseId, partnerId, status: In([...OPEN_STATUSES]) },
      lock: { mode: 'pessimistic_write' },
      order: { sentAt: 'ASC' },
    });
  }

  /** A case's referrals still waiting for the partner's answer, locked: those its closure ends. */
  unansweredOf(manager: EntityManager, caseId: string): Promise<Referral[]> {
    return manager.getRepository(Referral).find({
      where: { caseId, status: 'sent' },
      lock: { mode: 'pessimistic_write' },
      order: { sentAt: 'ASC' },
    });
  }
}

/**
 * What a partner still sees: everything referred to it, except what a withdrawn consent ended (one
 * ended by the case's closure stays visible, so the partner knows no answer is awaited).
 */
export const PARTNER_VISIBLE: ReferralStatus[] = [
  'sent',
  'accepted',
  'declined',
  'closed',
  'case_closed',
];
