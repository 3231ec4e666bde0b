import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import { Page } from '../common/dto/page';
import { Completion, LoadedTemplate, PlannedObligation } from './domain/obligation-templates';
import { FollowUpObligation } from './follow-up-obligation.entity';
import { WatchedAllocation } from './watched-allocation.entity';

/** Obligations one scheduler pass moves per transaction. */
export const ADVANCE_BATCH = 500;

/** One occurrence of a series: what planning the following one needs. */
export interface Occurrence {
  templateId: string;
  /** null: an obligation of the case alone (a referral's), never repeated. */
  allocationId: string | null;
  sourceId: string;
  sequence: number;
}

/** An obligation that changed state in a scheduler pass, with its notification once recorded. */
export interface ChangedObligation extends Occurrence {
  id: string;
  state: 'due' | 'overdue';
  responsible: string;
  jurisdiction: string;
  caseId: string;
  dueAt: Date;
  notificationId: string | null;
}

/**
 * The one place the obligations' tables (follow_up_obligation, obligation_notification,
 * obligation_allocation) are written. Every method takes the caller's transaction.
 */
@Injectable()
export class ObligationsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  watched(manager: EntityManager, by: { allocationId: string } | { caseId: string }) {
    const where = 'caseId' in by ? { caseId: by.caseId, active: true } : by;
    return manager.getRepository(WatchedAllocation).findOneBy(where);
  }

  async watch(manager: EntityManager, allocation: WatchedAllocation): Promise<void> {
    await manager.getRepository(WatchedAllocation).upsert(allocation, ['allocationId']);
  }

  async updateWatched(
    manager: EntityManager,
    allocationId: string,
    change: Partial<Pick<WatchedAllocation, 'endsAt' | 'active'>>,
  ): Promise<void> {
    await manager.getRepository(WatchedAllocation).update({ allocationId }, change);
  }

  /** Creates one occurrence; the unique key makes a repeated event create nothing more. */
  async insert(
    manager: EntityManager,
    watched: { allocationId: string | null; caseId: string; jurisdiction: string },
    loaded: LoadedTemplate,
    sourceId: string,
    planned: PlannedObligation,
    createdAt: Date,
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(FollowUpObligation)
      .values({
        id: randomUUID(),
        caseId: watched.caseId,
        allocationId: watched.allocationId,
        jurisdiction: watched.jurisdiction,
        templateId: loaded.template.id,
        templateVersion: `${loaded.fileId}@${loaded.version}`,
        sourceId,
        sequence: planned.sequence,
        responsible: loaded.template.responsible,
        completedBy: loaded.template.completedBy,
        dueFrom: planned.dueFrom,
        dueAt: planned.dueAt,
        state: 'upcoming',
        status: 'open',
        createdAt,
        closedAt: null,
        closedBy: null,
        noteSealed: null,
      })
      .orIgnore()
      .execute();
  }

  /** The first occurrence of a series: the anchor of its repetitions. */
  first(
    manager: EntityManager,
    occurrence: Occurrence & { allocationId: string },
  ): Promise<FollowUpObligation> {
    const { allocationId, templateId, sourceId } = occurrence;
    return manager
      .getRepository(FollowUpObligation)
      .findOneByOrFail({ allocationId, templateId, sourceId, sequence: 0 });
  }

  /** Completes the open obligations of an allocation that `kinds` of event fulfil. */
  async fulfil(
    manager: EntityManager,
    allocationId: string,
    kinds: Completion[],
    at: Date,
    by: string,
    onlyOpenWindow: boolean,
  ): Promise<Occurrence[]> {
    const [rows]: [Array<Record<string, string>>, number] = await manager.query(
      `UPDATE follow_up_obligation SET status = 'completed', closed_at = $3, closed_by = $4
       WHERE allocation_id = $1 AND status = 'open' AND completed_by = ANY($2)
         ${onlyOpenWindow ? 'AND due_from <= $3' : ''}
       RETURNING id, template_id, allocation_id, source_id, sequence`,
      [allocationId, kinds, at, by],
    );
    return rows.map(occurrenceOf);
  }

  /**
   * The open obligations of a case alone (no allocation) from one source (a referral) that `kinds`
   * of event complete: completed, or cancelled when the event makes them moot.
   */
  async closeOfSource(
    manager: EntityManager,
    caseId: string,
    sourceId: string,
    kinds: Completion[],
    status: 'completed' | 'cancelled',
    at: Date,
    by: string,
  ): Promise<void> {
    await manager.query(
      `UPDATE follow_up_obligation SET status = $4, closed_at = $5, closed_by = $6
       WHERE case_id = $1 AND allocation_id IS NULL AND source_id = $2 AND status = 'open'
         AND completed_by = ANY($3)`,
      [caseId, sourceId, kinds, status, at, by],
    );
  }

  /**
   * Cancels the open obligations of a case alone (no allocation: a referral's, a concertation
   * action's) when the case is closed; returns what it cancelled, to be audited.
   */
  async cancelOfCase(
    manager: EntityManager,
    caseId: string,
    at: Date,
    by: string,
  ): Promise<Array<{ id: string; caseId: string; jurisdiction: string; templateId: string }>> {
    const [rows]: [Array<Record<string, string>>, number] = await manager.query(
      `UPDATE follow_up_obligation SET status = 'cancelled', closed_at = $2, closed_by = $3
       WHERE case_id = $1 AND allocation_id IS NULL AND status = 'open'
       RETURNING id, case_id, jurisdiction, template_id`,
      [caseId, at, by],
    );
    return rows.map((row) => ({
      id: row.id,
      caseId: row.case_id,
      jurisdiction: row.jurisdiction,
      templateId: row.template_id,
    }));
  }

  /** Cancels the open obligations of an allocation completed (or not, with `except`) by `kinds`. */
  async cancel(
    manager: EntityManager,
    allocationId: string,
    kinds: { only: Completion[] } | { except: Completion[] },
    at: Date,
    by: string,
  ): Promise<void> {
    const only = 'only' in kinds;
    await manager.query(
      `UPDATE follow_up_obligation SET status = 'cancelled', closed_at = $2, closed_by = $3
       WHERE allocation_id = $1 AND status = 'open' AND ${only ? '' : 'NOT'} (completed_by = ANY($4))`,
      [allocationId, at, by, only ? kinds.only : kinds.except],
    );
  }

  /**
   * Claims up to a batch of open obligations whose time came and moves them to due or overdue
   * (FOR UPDATE SKIP LOCKED: instances share the work), recording one notification per obligation
   * and state (unique: never notified twice).
   */
  async advanceBatch(manager: EntityManager, now: Date): Promise<ChangedObligation[]> {
    const [rows]: [Array<Record<string, string>>, number] = await manager.query(
      // Each kind of candidate through its own partial index, in deadline order: the planner
      // cannot see that few open obligations are past due but not yet flagged.
      `WITH candidate AS (
         (SELECT id FROM follow_up_obligation
          WHERE status = 'open' AND state <> 'overdue' AND due_at <= $1 ORDER BY due_at LIMIT ${ADVANCE_BATCH})
         UNION
         (SELECT id FROM follow_up_obligation
          WHERE status = 'open' AND state = 'upcoming' AND due_from <= $1 ORDER BY due_from LIMIT ${ADVANCE_BATCH})),
       claimed AS (
         SELECT o.id, CASE WHEN o.due_at <= $1 THEN 'overdue' ELSE 'due' END AS next
         FROM follow_up_obligation o JOIN candidate USING (id)
         WHERE o.status = 'open'
           AND ((o.state = 'upcoming' AND o.due_from <= $1) OR (o.state <> 'overdue' AND o.due_at <= $1))
         LIMIT ${ADVANCE_BATCH}
         FOR UPDATE OF o SKIP LOCKED)
       UPDATE follow_up_obligation o SET state = c.next FROM claimed c WHERE o.id = c.id
       RETURNING o.id, o.state, o.responsible, o.jurisdiction, o.template_id, o.allocation_id,
                 o.case_id, o.source_id, o.sequence, o.due_at`,
      [now],
    );
    if (rows.length === 0) return [];
    const notices: Array<{ id: string; obligation_id: string }> = await manager.query(
      `INSERT INTO obligation_notification (id, obligation_id, state, responsible, jurisdiction, created_at)
       SELECT gen_random_uuid(), o.id, o.state, o.responsible, o.jurisdiction, $2
       FROM jsonb_to_recordset($1::jsonb) AS o(id uuid, state text, responsible text, jurisdiction text)
       ON CONFLICT (obligation_id, state) DO NOTHING
       RETURNING id, obligation_id`,
      [JSON.stringify(rows), now],
    );
    const noticeOf = new Map(notices.map((n) => [n.obligation_id, n.id]));
    return rows.map((row) => ({
      ...occurrenceOf(row),
      id: row.id,
      state: row.state as 'due' | 'overdue',
      responsible: row.responsible,
      jurisdiction: row.jurisdiction,
      caseId: row.case_id,
      dueAt: new Date(row.due_at),
      notificationId: noticeOf.get(row.id) ?? null,
    }));
  }

  /** A transferred case's rows follow it to its new jurisdiction. */
  moveCase(manager: EntityManager, caseId: string, jurisdiction: string) {
    return manager.update(FollowUpObligation, { caseId }, { jurisdiction });
  }

  ofCase(manager: EntityManager, caseId: string): Promise<FollowUpObligation[]> {
    return manager
      .getRepository(FollowUpObligation)
      .find({ where: { caseId }, order: { dueAt: 'ASC', templateId: 'ASC' } });
  }

  /** Open obligations of some jurisdictions (all: null), overdue first, then by deadline. */
  async worklist(
    visible: readonly string[] | null,
    query: { status?: string; responsible?: string; page: number; pageSize: number },
  ): Promise<Page<FollowUpObligation>> {
    const { page, pageSize } = query;
    const qb = this.db
      .getRepository(FollowUpObligation)
      .createQueryBuilder('o')
      .where(`o.status = 'open'`);
    if (visible) qb.andWhere('o.jurisdiction IN (:...visible)', { visible });
    if (query.status) qb.andWhere('o.state = :state', { state: query.status });
    if (query.responsible)
      qb.andWhere('o.responsible = :responsible', { responsible: query.responsible });
    const [items, total] = await qb
      .orderBy(`CASE o.state WHEN 'overdue' THEN 0 WHEN 'due' THEN 1 ELSE 2 END`)
      .addOrderBy('o.due_at', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { items, total, page, pageSize };
  }
}

function occurrenceOf(row: Record<string, string>): Occurrence {
  return {
    templateId: row.template_id,
    allocationId: row.allocation_id,
    sourceId: row.source_id,
    sequence: Number(row.sequence),
  };
}
