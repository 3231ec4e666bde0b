import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';

import { ConcertationAction } from './concertation-action.entity';
import { ConcertationMeeting } from './concertation-meeting.entity';

/** The one place the concertation tables are written. Every method joins the caller's transaction. */
@Injectable()
export class ConcertationRepository {
  async insertMeeting(manager: EntityManager, row: ConcertationMeeting): Promise<void> {
    await manager.getRepository(ConcertationMeeting).insert(row);
  }

  /** Meetings scheduled in these jurisdictions (null: all), the latest first. */
  meetings(manager: EntityManager, jurisdictions: string[] | null): Promise<ConcertationMeeting[]> {
    return manager.getRepository(ConcertationMeeting).find({
      where: jurisdictions ? { jurisdiction: In(jurisdictions) } : {},
      order: { scheduledAt: 'DESC', id: 'ASC' },
      take: 200,
    });
  }

  meetingById(manager: EntityManager, id: string): Promise<ConcertationMeeting | null> {
    return manager.getRepository(ConcertationMeeting).findOne({ where: { id } });
  }

  async insertAction(manager: EntityManager, row: ConcertationAction): Promise<void> {
    await manager.getRepository(ConcertationAction).insert(row);
  }

  actionsOf(manager: EntityManager, meetingId: string): Promise<ConcertationAction[]> {
    return manager
      .getRepository(ConcertationAction)
      .find({ where: { meetingId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** A partner organisation's actions: open ones first, the nearest deadline first. */
  actionsOfPartner(manager: EntityManager, partnerId: string): Promise<ConcertationAction[]> {
    return manager
      .getRepository(ConcertationAction)
      .createQueryBuilder('a')
      .where('a.partner_id = :partnerId', { partnerId })
      .orderBy(`CASE WHEN a.status = 'open' THEN 0 ELSE 1 END`)
      .addOrderBy('a.due_at', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .take(500)
      .getMany();
  }

  /** A transferred case's rows follow it to its new jurisdiction. */
  moveCase(manager: EntityManager, caseId: string, jurisdiction: string) {
    return manager.update(ConcertationAction, { caseId }, { jurisdiction });
  }

  /** A case's open actions, locked: those its closure cancels. */
  openActionsOfCase(manager: EntityManager, caseId: string): Promise<ConcertationAction[]> {
    return manager.getRepository(ConcertationAction).find({
      where: { caseId, status: 'open' },
      lock: { mode: 'pessimistic_write' },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  actionById(manager: EntityManager, id: string, lock = false): Promise<ConcertationAction | null> {
    return manager.getRepository(ConcertationAction).findOne({
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }
}
