import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';

import { CaseEvent } from './case-event.entity';
import { CaseFile } from './case-file.entity';
import { CaseStatus } from './domain/case-status';
import { IdentityKey } from './domain/identity-keys';
import { KnownCase } from './domain/repeat';
import { VictimIdentityKey } from './victim-identity-key.entity';

/** The one place case_file, case_event and victim_identity_key are written and queried. */
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

  /** Ids of a coordinator's cases in some jurisdictions (all: null). */
  async idsOfCoordinator(
    manager: EntityManager | null,
    coordinatorId: string,
    visible: readonly string[] | null,
  ): Promise<string[]> {
    const rows = await (manager ?? this.db.manager).getRepository(CaseFile).find({
      where: { coordinatorId, ...(visible ? { jurisdiction: In([...visible]) } : {}) },
      select: { id: true },
    });
    return rows.map((row) => row.id);
  }

  /** Cases awaiting a transfer to some jurisdictions (all: null), oldest request first. */
  incomingTransfers(manager: EntityManager, to: readonly string[] | null): Promise<CaseFile[]> {
    const q = manager
      .getRepository(CaseFile)
      .createQueryBuilder('c')
      .where('c.transfer_to IS NOT NULL');
    if (to) q.andWhere('c.transfer_to IN (:...to)', { to: [...to] });
    return q.orderBy('c.transfer_requested_at', 'ASC').limit(200).getMany();
  }

  byId(manager: EntityManager | null, id: string): Promise<CaseFile | null> {
    return (manager ?? this.db.manager).getRepository(CaseFile).findOneBy({ id });
  }

  /** The row by id, locked, whatever its jurisdiction: the caller checks who may act on it. */
  lockedById(manager: EntityManager, id: string): Promise<CaseFile | null> {
    return manager
      .getRepository(CaseFile)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
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

  /**
   * The victim's blind-index keys of a case, replaced by the current ones, and the key they were
   * computed with marked on the row (and on the entity, which a later save writes whole).
   */
  async replaceIdentityKeys(
    manager: EntityManager,
    row: CaseFile,
    keys: readonly IdentityKey[],
    keyedWith: string,
  ): Promise<void> {
    await manager.delete(VictimIdentityKey, { caseId: row.id });
    if (keys.length > 0)
      await manager.insert(
        VictimIdentityKey,
        keys.map((k) => ({ caseId: row.id, kind: k.kind, digest: k.digest })),
      );
    row.identityKeyedWith = keyedWith;
    // Not a change of the file: its version stays (an update through the entity would bump it).
    await manager.query(`UPDATE case_file SET identity_keyed_with = $1 WHERE id = $2`, [
      keyedWith,
      row.id,
    ]);
  }

  /**
   * Cases whose identity keys were not computed with the key in use (none yet, or another key),
   * locked for the re-keying pass; SKIP LOCKED lets instances share the work.
   */
  staleIdentityKeys(manager: EntityManager, keyedWith: string, limit: number): Promise<CaseFile[]> {
    return manager
      .getRepository(CaseFile)
      .createQueryBuilder('c')
      .where('c.identity_keyed_with IS DISTINCT FROM :keyedWith', { keyedWith })
      .orderBy('c.id')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  /**
   * Other cases sharing one of the digests, known between `since` and `until`: the repeat rule's
   * match, whatever their jurisdiction (the service decides what a reader may see of them).
   */
  knownCases(
    manager: EntityManager,
    caseId: string,
    digests: readonly string[],
    since: Date,
    until: Date,
  ): Promise<KnownCase[]> {
    if (digests.length === 0) return Promise.resolve([]);
    return manager
      .getRepository(CaseFile)
      .createQueryBuilder('c')
      .select(['c.id AS id', 'c.reference AS reference', 'c.jurisdiction AS jurisdiction'])
      .addSelect('c.last_known_at', 'lastKnownAt')
      .where(
        `c.id IN (SELECT k.case_id FROM victim_identity_key k WHERE k.digest IN (:...digests))`,
        { digests: [...digests] },
      )
      .andWhere('c.id <> :caseId AND c.last_known_at BETWEEN :since AND :until', {
        caseId,
        since,
        until,
      })
      .orderBy('c.last_known_at', 'DESC')
      .getRawMany<KnownCase>()
      .then((rows) => rows.map((r) => ({ ...r, lastKnownAt: new Date(r.lastKnownAt) })));
  }

  /** Reference, jurisdiction and last contact of cases, for the repeat flag of their readers. */
  async known(manager: EntityManager | null, ids: readonly string[]): Promise<KnownCase[]> {
    if (ids.length === 0) return [];
    const rows = await (manager ?? this.db.manager).getRepository(CaseFile).find({
      where: { id: In([...ids]) },
      select: { id: true, reference: true, jurisdiction: true, lastKnownAt: true },
    });
    return rows.map((r) => ({
      id: r.id,
      reference: r.reference,
      jurisdiction: r.jurisdiction,
      lastKnownAt: r.lastKnownAt,
    }));
  }

  async insertEvent(manager: EntityManager, event: CaseEvent): Promise<void> {
    await manager.insert(CaseEvent, event);
  }

  /** The case's history after its intake, oldest first. */
  history(manager: EntityManager, caseId: string): Promise<CaseEvent[]> {
    return manager.getRepository(CaseEvent).find({
      where: { caseId },
      order: { recordedAt: 'ASC', id: 'ASC' },
    });
  }
}
