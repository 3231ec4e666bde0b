import { localize } from '../questionnaires/domain/definition';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../auth/actor';
import { AuditService, findInScope } from '../audit/audit.service';
import { CaseFile } from '../cases/case-file.entity';
import { Clock } from '../common/clock';
import { Page } from '../common/dto/page';
import { FieldCipher } from '../common/field-cipher';
import { ConflictProblem, ForbiddenProblem } from '../common/problems';
import {
  Completion,
  LoadedTemplate,
  ObligationTrigger,
  TriggerEvent,
  plan,
  templatesFor,
  triggersOf,
} from './domain/obligation-templates';
import { ObligationDto, ObligationQueryDto } from './dto/obligation.dto';
import { FollowUpObligation } from './follow-up-obligation.entity';
import { WatchedAllocation } from './watched-allocation.entity';
import { ObligationNotice, PushService } from '../push/push.service';

export const OBLIGATION_TEMPLATES = Symbol('OBLIGATION_TEMPLATES');
const ENTITY = 'follow_up_obligation';
const BATCH = 500;

/** An allocation as the obligations see it. */
export interface AllocationFacts {
  allocationId: string;
  caseId: string;
  jurisdiction: string;
  endsAt: Date;
  levelFromTop?: number;
}

/**
 * Follow-up obligations of enrolled victims. Other modules report what happened, in their own
 * transaction; this service creates the obligations the templates ask for and completes the ones
 * an event fulfils. The scheduler (`advance`) moves open ones to due and overdue and records one
 * notification per change.
 */
@Injectable()
export class ObligationsService {
  private readonly templates: Map<string, LoadedTemplate>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(OBLIGATION_TEMPLATES) private readonly loaded: LoadedTemplate[],
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
    private readonly push: PushService,
  ) {
    this.templates = new Map(loaded.map((t) => [t.template.id, t]));
  }

  async allocationApproved(manager: EntityManager, facts: AllocationFacts): Promise<void> {
    await manager.getRepository(WatchedAllocation).upsert(
      {
        allocationId: facts.allocationId,
        caseId: facts.caseId,
        jurisdiction: facts.jurisdiction,
        endsAt: facts.endsAt,
        active: true,
      },
      ['allocationId'],
    );
    await this.start(manager, facts, 'allocation.approved', facts.allocationId);
  }

  async allocationRenewed(
    manager: EntityManager,
    facts: AllocationFacts,
    renewal: number,
  ): Promise<void> {
    await manager
      .getRepository(WatchedAllocation)
      .update({ allocationId: facts.allocationId }, { endsAt: facts.endsAt });
    await this.fulfil(manager, facts.allocationId, ['renewal_decision'], 'allocation.renewed');
    await this.start(manager, facts, 'allocation.renewed', `${facts.allocationId}:${renewal}`);
  }

  /** Ended early or expired: what no longer applies is cancelled; a device in hand must come back. */
  async allocationEnded(
    manager: EntityManager,
    allocationId: string,
    deviceInHand: boolean,
  ): Promise<void> {
    const watched = await manager.getRepository(WatchedAllocation).findOneBy({ allocationId });
    if (!watched) return;
    await manager.getRepository(WatchedAllocation).update({ allocationId }, { active: false });
    await this.fulfil(manager, allocationId, ['renewal_decision'], 'allocation.ended');
    await manager.query(
      `UPDATE follow_up_obligation SET status = 'cancelled', closed_at = $2, closed_by = 'system:allocation.ended'
       WHERE allocation_id = $1 AND status = 'open' AND completed_by <> 'device_return'`,
      [allocationId, this.clock.now()],
    );
    if (deviceInHand)
      await this.start(manager, { ...watched }, 'allocation.ended', `${allocationId}:end`);
  }

  async deviceAssigned(manager: EntityManager, allocationId: string, deviceId: string) {
    const watched = await manager.getRepository(WatchedAllocation).findOneBy({ allocationId });
    if (watched) await this.start(manager, watched, 'device.assigned', deviceId);
  }

  /** A `test` event of the device: completes the device tests whose window is open. */
  async deviceTested(manager: EntityManager, allocationId: string): Promise<number> {
    return this.fulfil(manager, allocationId, ['device_test'], 'device.test', true);
  }

  async deviceReturned(manager: EntityManager, allocationId: string): Promise<void> {
    await this.fulfil(manager, allocationId, ['device_return'], 'device.returned');
    await manager.query(
      `UPDATE follow_up_obligation SET status = 'cancelled', closed_at = $2, closed_by = 'system:device.returned'
       WHERE allocation_id = $1 AND status = 'open' AND completed_by = 'device_test'`,
      [allocationId, this.clock.now()],
    );
  }

  async assessmentSubmitted(
    manager: EntityManager,
    caseId: string,
    assessmentId: string,
    levelFromTop: number,
  ): Promise<void> {
    const watched = await manager
      .getRepository(WatchedAllocation)
      .findOneBy({ caseId, active: true });
    if (!watched) return;
    await this.fulfil(manager, watched.allocationId, ['assessment'], 'assessment.submitted');
    await this.start(manager, { ...watched, levelFromTop }, 'assessment.submitted', assessmentId);
  }

  /**
   * A professional override of the assessment in force changes the level the re-assessment is
   * planned on: the open re-assessment is cancelled and planned again at the new level's interval,
   * counted from the override (the moment the level changed).
   */
  async assessmentOverridden(
    manager: EntityManager,
    caseId: string,
    assessmentId: string,
    levelFromTop: number,
  ): Promise<void> {
    const watched = await manager
      .getRepository(WatchedAllocation)
      .findOneBy({ caseId, active: true });
    if (!watched) return;
    await manager.query(
      `UPDATE follow_up_obligation SET status = 'cancelled', closed_at = $2, closed_by = 'system:assessment.overridden'
       WHERE allocation_id = $1 AND status = 'open' AND completed_by = 'assessment'`,
      [watched.allocationId, this.clock.now()],
    );
    await this.start(
      manager,
      { ...watched, levelFromTop },
      'assessment.submitted',
      `${assessmentId}:override`,
    );
  }

  async alarmResolved(manager: EntityManager, allocationId: string, alarmId: string) {
    const watched = await manager.getRepository(WatchedAllocation).findOneBy({ allocationId });
    if (watched?.active) await this.start(manager, watched, 'alarm.resolved', alarmId);
  }

  /**
   * One pass of the scheduler: open obligations whose time came move to due or overdue, each
   * change claimed with FOR UPDATE SKIP LOCKED and notified once (unique per obligation and state),
   * so several instances share the work and never notify twice. A repeating obligation that falls
   * overdue gets its next occurrence. Returns the number of changes.
   */
  async advance(now = this.clock.now()): Promise<number> {
    let total = 0;
    let pushed = 0;
    for (;;) {
      const changed = await this.db.transaction(async (manager) => {
        const [rows]: [Array<Record<string, string>>, number] = await manager.query(
          // Each kind of candidate through its own partial index, in deadline order: the planner
          // cannot see that few open obligations are past due but not yet flagged.
          `WITH candidate AS (
             (SELECT id FROM follow_up_obligation
              WHERE status = 'open' AND state <> 'overdue' AND due_at <= $1 ORDER BY due_at LIMIT ${BATCH})
             UNION
             (SELECT id FROM follow_up_obligation
              WHERE status = 'open' AND state = 'upcoming' AND due_from <= $1 ORDER BY due_from LIMIT ${BATCH})),
           claimed AS (
             SELECT o.id, CASE WHEN o.due_at <= $1 THEN 'overdue' ELSE 'due' END AS next
             FROM follow_up_obligation o JOIN candidate USING (id)
             WHERE o.status = 'open'
               AND ((o.state = 'upcoming' AND o.due_from <= $1) OR (o.state <> 'overdue' AND o.due_at <= $1))
             LIMIT ${BATCH}
             FOR UPDATE OF o SKIP LOCKED)
           UPDATE follow_up_obligation o SET state = c.next FROM claimed c WHERE o.id = c.id
           RETURNING o.id, o.state, o.responsible, o.jurisdiction, o.template_id, o.allocation_id,
                     o.case_id, o.source_id, o.sequence, o.due_at,
                     (SELECT cf.coordinator_id FROM case_file cf WHERE cf.id = o.case_id) AS coordinator_id,
                     (SELECT cf.reference FROM case_file cf WHERE cf.id = o.case_id) AS case_reference`,
          [now],
        );
        if (rows.length === 0) return 0;
        const notices: Array<{ id: string; obligation_id: string; state: string }> =
          await manager.query(
            `INSERT INTO obligation_notification (id, obligation_id, state, responsible, jurisdiction, created_at)
             SELECT gen_random_uuid(), o.id, o.state, o.responsible, o.jurisdiction, $2
             FROM jsonb_to_recordset($1::jsonb) AS o(id uuid, state text, responsible text, jurisdiction text)
             ON CONFLICT (obligation_id, state) DO NOTHING
             RETURNING id, obligation_id, state`,
            [JSON.stringify(rows), now],
          );
        const byId = new Map(rows.map((row) => [row.id, row]));
        pushed += await this.push.queueNotices(
          manager,
          notices.map((notice) => noticeOf(notice.id, byId.get(notice.obligation_id)!)),
        );
        for (const row of rows.filter((r) => r.state === 'overdue'))
          await this.next(manager, occurrenceOf(row));
        return rows.length;
      });
      total += changed;
      if (changed < BATCH) break;
    }
    if (pushed > 0) this.push.kick();
    return total;
  }

  async ofCase(actor: Actor, caseId: string): Promise<ObligationDto[]> {
    return this.audit.refusing(actor, () =>
      this.db.transaction(async (manager) => {
        const kase = await findInScope(manager, CaseFile, actor, {
          id: caseId,
          action: 'obligation.list',
          entityType: 'case',
          label: 'Case',
        });
        const rows = await manager
          .getRepository(FollowUpObligation)
          .find({ where: { caseId: kase.id }, order: { dueAt: 'ASC', templateId: 'ASC' } });
        await this.audit.record(
          actor,
          [
            {
              action: 'obligation.list',
              entityType: 'case',
              entityId: kase.id,
              jurisdiction: kase.jurisdiction,
              outcome: 'success',
            },
          ],
          manager,
        );
        return rows.map((row) => this.dto(row));
      }),
    );
  }

  /** The worklist: open obligations of the actor's jurisdictions, overdue first, then by deadline. */
  async worklist(actor: Actor, query: ObligationQueryDto): Promise<Page<ObligationDto>> {
    const visible = actor.visibleJurisdictions(query.jurisdiction);
    const { page, pageSize } = query;
    if (visible && visible.length === 0) return { items: [], total: 0, page, pageSize };
    const qb = this.db
      .getRepository(FollowUpObligation)
      .createQueryBuilder('o')
      .where(`o.status = 'open'`);
    if (visible) qb.andWhere('o.jurisdiction IN (:...visible)', { visible });
    if (query.status) qb.andWhere('o.state = :state', { state: query.status });
    if (query.responsible)
      qb.andWhere('o.responsible = :responsible', { responsible: query.responsible });
    const [rows, total] = await qb
      .orderBy(`CASE o.state WHEN 'overdue' THEN 0 WHEN 'due' THEN 1 ELSE 2 END`)
      .addOrderBy('o.due_at', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    // Each case file that appears in the worklist is read: one audit record per case.
    await this.audit.record(
      actor,
      [...new Set(rows.map((r) => r.caseId))].map((caseId) => ({
        action: 'obligation.worklist',
        entityType: 'case',
        entityId: caseId,
        jurisdiction: rows.find((r) => r.caseId === caseId)!.jurisdiction,
        outcome: 'success' as const,
      })),
    );
    return { items: rows.map((row) => this.dto(row)), total, page, pageSize };
  }

  complete(actor: Actor, id: string, note: string): Promise<ObligationDto> {
    return this.close(actor, id, 'obligation.complete', async (row) => {
      row.status = 'completed';
      row.noteSealed = this.cipher.seal(note, `${row.id}:note`);
    });
  }

  waive(actor: Actor, id: string, reason: string): Promise<ObligationDto> {
    return this.close(actor, id, 'obligation.waive', async (row) => {
      const allowed = this.templates.get(row.templateId)?.template.waivableBy ?? [];
      if (!allowed.some((role) => actor.has(role)))
        throw new ForbiddenProblem(
          allowed.length > 0
            ? `Only ${allowed.join(' or ')} may waive "${row.templateId}".`
            : `"${row.templateId}" cannot be waived.`,
        );
      row.status = 'waived';
      row.noteSealed = this.cipher.seal(reason, `${row.id}:note`);
    });
  }

  private close(
    actor: Actor,
    id: string,
    action: string,
    apply: (row: FollowUpObligation) => Promise<void>,
  ): Promise<ObligationDto> {
    return this.audit.refusing(actor, () =>
      this.db.transaction(async (manager) => {
        const row = await findInScope(
          manager,
          FollowUpObligation,
          actor,
          { id, action, entityType: ENTITY, label: 'Obligation' },
          true,
        );
        if (row.status !== 'open')
          throw new ConflictProblem(`The obligation is already ${row.status}.`);
        await apply(row);
        row.closedAt = this.clock.now();
        row.closedBy = actor.subject;
        await manager.save(row);
        await this.next(manager, row);
        await this.audit.record(
          actor,
          [
            {
              action,
              entityType: ENTITY,
              entityId: row.id,
              jurisdiction: row.jurisdiction,
              caseId: row.caseId,
              outcome: 'success',
              detail: { caseId: row.caseId, templateId: row.templateId },
            },
          ],
          manager,
        );
        return this.dto(row);
      }),
    );
  }

  /** Creates the obligations an event starts; a repeated event creates nothing more. */
  private async start(
    manager: EntityManager,
    facts: Omit<AllocationFacts, 'levelFromTop'> & { levelFromTop?: number },
    type: ObligationTrigger,
    sourceId: string,
  ): Promise<void> {
    const event: TriggerEvent = {
      type,
      at: this.clock.now(),
      sourceId,
      allocationEndsAt: facts.endsAt,
      levelFromTop: facts.levelFromTop,
    };
    for (const loaded of templatesFor(this.loaded, event))
      await this.insert(manager, facts, loaded, event, 0);
  }

  private async insert(
    manager: EntityManager,
    facts: { allocationId: string; caseId: string; jurisdiction: string },
    loaded: LoadedTemplate,
    event: TriggerEvent,
    sequence: number,
  ): Promise<void> {
    const planned = plan(loaded, event, sequence);
    await manager
      .createQueryBuilder()
      .insert()
      .into(FollowUpObligation)
      .values({
        id: randomUUID(),
        caseId: facts.caseId,
        allocationId: facts.allocationId,
        jurisdiction: facts.jurisdiction,
        templateId: loaded.template.id,
        templateVersion: `${loaded.fileId}@${loaded.version}`,
        sourceId: event.sourceId,
        sequence,
        responsible: loaded.template.responsible,
        completedBy: loaded.template.completedBy,
        dueFrom: planned.dueFrom,
        dueAt: planned.dueAt,
        state: 'upcoming',
        status: 'open',
        createdAt: this.clock.now(),
        closedAt: null,
        closedBy: null,
        noteSealed: null,
      })
      .orIgnore()
      .execute();
  }

  /** The next occurrence of a repeating obligation, anchored on the series' first deadline. */
  private async next(manager: EntityManager, occurrence: Occurrence): Promise<void> {
    const { templateId, allocationId, sourceId, sequence } = occurrence;
    const loaded = this.templates.get(templateId);
    if (!loaded?.template.due.repeat) return;
    const watched = await manager.getRepository(WatchedAllocation).findOneBy({ allocationId });
    if (!watched?.active) return;
    const first = await manager
      .getRepository(FollowUpObligation)
      .findOneByOrFail({ allocationId, templateId, sourceId, sequence: 0 });
    // The first deadline was computed from the trigger time, which is its creation time.
    const event: TriggerEvent = {
      type: triggersOf(loaded.template)[0],
      at: first.createdAt,
      sourceId,
      allocationEndsAt: watched.endsAt,
    };
    await this.insert(manager, watched, loaded, event, Number(sequence) + 1);
  }

  /** Completes the open obligations of an allocation that an event fulfils. */
  private async fulfil(
    manager: EntityManager,
    allocationId: string,
    kinds: Completion[],
    by: string,
    onlyOpenWindow = false,
  ): Promise<number> {
    const now = this.clock.now();
    const [rows]: [Array<Record<string, string>>, number] = await manager.query(
      `UPDATE follow_up_obligation SET status = 'completed', closed_at = $3, closed_by = $4
       WHERE allocation_id = $1 AND status = 'open' AND completed_by = ANY($2)
         ${onlyOpenWindow ? 'AND due_from <= $3' : ''}
       RETURNING id, template_id, allocation_id, source_id, sequence`,
      [allocationId, kinds, now, `system:${by}`],
    );
    for (const row of rows) await this.next(manager, occurrenceOf(row));
    return rows.length;
  }

  private dto(row: FollowUpObligation): ObligationDto {
    const loaded = this.templates.get(row.templateId);
    return {
      id: row.id,
      caseId: row.caseId,
      allocationId: row.allocationId,
      jurisdiction: row.jurisdiction,
      templateId: row.templateId,
      templateVersion: row.templateVersion,
      title: loaded
        ? localize(loaded.template.title, loaded.language, loaded.language)
        : row.templateId,
      responsible: row.responsible,
      completedBy: row.completedBy,
      sequence: row.sequence,
      dueFrom: row.dueFrom,
      dueAt: row.dueAt,
      state: row.state,
      status: row.status,
      createdAt: row.createdAt,
      closedAt: row.closedAt,
      closedBy: row.closedBy,
      note: row.noteSealed ? this.cipher.open<string>(row.noteSealed, `${row.id}:note`) : null,
    };
  }
}

/** One occurrence of a series: what `next` needs to create the following one. */
interface Occurrence {
  templateId: string;
  allocationId: string;
  sourceId: string;
  sequence: number;
}

function occurrenceOf(row: Record<string, string>): Occurrence {
  return {
    templateId: row.template_id,
    allocationId: row.allocation_id,
    sourceId: row.source_id,
    sequence: Number(row.sequence),
  };
}

/** The push of one obligation notification: ids, times and the case reference, nothing personal. */
function noticeOf(notificationId: string, row: Record<string, string>): ObligationNotice {
  return {
    notificationId,
    responsible: row.responsible,
    jurisdiction: row.jurisdiction,
    coordinatorId: row.coordinator_id,
    payload: {
      type: 'obligation',
      notificationId,
      obligationId: row.id,
      templateId: row.template_id,
      state: row.state,
      dueAt: new Date(row.due_at).toISOString(),
      caseReference: row.case_reference,
      jurisdiction: row.jurisdiction,
    },
  };
}
