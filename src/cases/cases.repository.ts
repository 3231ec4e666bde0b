import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';

import { CaseFile } from './case-file.entity';
import { CaseStatus } from './domain/case-status';

/** The one place case_file is written and queried. */
@Injectable()
export class CasesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(manager: EntityManager, row: CaseFile): Promise<void> {
    await manager.insert(CaseFile, row);
  }

  /** A page of cases of some jurisdictions (all: null), newest first. */
  page(
    visible: readonly string[] | null,
    query: { status?: CaseStatus; coordinatorId?: string; page: number; pageSize: number },
  ): Promise<[CaseFile[], number]> {
    return this.db.getRepository(CaseFile).findAndCount({
      where: {
        ...(visible ? { jurisdiction: In([...visible]) } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(query.coordinatorId ? { coordinatorId: query.coordinatorId } : {}),
      },
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
  }

  /** References and coordinators of cases: what a notice about them may name. */
  contacts(manager: EntityManager, ids: string[]) {
    return manager.getRepository(CaseFile).find({
      where: { id: In(ids) },
      select: { id: true, reference: true, coordinatorId: true },
    });
  }

  /** Sets a case's status, unless it is closed. */
  async setStatus(manager: EntityManager, id: string, status: CaseStatus, at: Date) {
    await manager
      .getRepository(CaseFile)
      .createQueryBuilder()
      .update()
      .set({ status, updatedAt: at, version: () => 'version + 1' })
      .where('id = :id AND status <> :closed', { id, closed: 'closed' })
      .execute();
  }
}
