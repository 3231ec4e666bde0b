import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';

import { Assessment } from './assessment.entity';

/** The one place the assessment table is written and queried; every method takes the caller's transaction. */
@Injectable()
export class AssessmentsRepository {
  async insert(manager: EntityManager, row: Assessment): Promise<void> {
    await manager.insert(Assessment, row);
  }

  /** The submitted assessment in force of a case (none superseded it), locked when asked. */
  inForce(manager: EntityManager, caseId: string, lock = false): Promise<Assessment | null> {
    return manager.getRepository(Assessment).findOne({
      where: { caseId, status: 'submitted', supersededBy: IsNull() },
      order: { submittedAt: 'DESC' },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  async supersede(manager: EntityManager, id: string, by: string): Promise<void> {
    await manager.update(Assessment, { id }, { supersededBy: by });
  }

  /** The case's assessments submitted before `at`, newest first. */
  submittedBefore(manager: EntityManager, caseId: string, at: Date): Promise<Assessment[]> {
    return manager
      .getRepository(Assessment)
      .createQueryBuilder('a')
      .where('a.case_id = :caseId AND a.status = :submitted AND a.submitted_at < :at', {
        caseId,
        submitted: 'submitted',
        at,
      })
      .orderBy('a.submitted_at', 'DESC')
      .getMany();
  }

  ofCase(manager: EntityManager, caseId: string): Promise<Assessment[]> {
    return manager.getRepository(Assessment).find({
      where: { caseId },
      order: { createdAt: 'DESC', id: 'ASC' },
    });
  }

  byId(manager: EntityManager, id: string): Promise<Assessment | null> {
    return manager.getRepository(Assessment).findOneBy({ id });
  }
}
