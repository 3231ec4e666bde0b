import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { AuditService } from '../audit/audit.service';
import { Scope, UnitOfWork } from '../audit/unit-of-work';
import { Actor } from '../auth/actor';
import { CasesService } from '../cases/cases.service';
import { Clock } from '../common/clock';
import { DomainEventPublisher } from '../common/domain-event-publisher';
import { CaseClosed } from '../common/domain-events';
import { Page } from '../common/dto/page';
import { FieldCipher } from '../common/field-cipher';
import { ConflictProblem, ForbiddenProblem } from '../common/problems';
import { localize } from '../questionnaires/domain/definition';
import { LoadedTemplate } from './domain/obligation-templates';
import { ObligationDto, ObligationQueryDto } from './dto/obligation.dto';
import { FollowUpObligation } from './follow-up-obligation.entity';
import { OBLIGATION_TEMPLATES, ObligationPlanner } from './obligation-planner';
import { ObligationsRepository } from './obligations.repository';

const OBLIGATION: Scope<FollowUpObligation> = {
  entity: FollowUpObligation,
  type: 'follow_up_obligation',
  label: 'Obligation',
};

/**
 * Follow-up obligations as people see and close them: a case's list, the worklist, completion and
 * waiver, and their end with their case's closure. Planning them from events, and flagging them due
 * and overdue, is `ObligationPlanner`'s.
 */
@Injectable()
export class ObligationsService implements OnModuleInit {
  private readonly templates: Map<string, LoadedTemplate>;

  constructor(
    @Inject(OBLIGATION_TEMPLATES) loaded: LoadedTemplate[],
    private readonly obligations: ObligationsRepository,
    private readonly planner: ObligationPlanner,
    private readonly work: UnitOfWork,
    private readonly audit: AuditService,
    private readonly cases: CasesService,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
    private readonly events: DomainEventPublisher,
  ) {
    this.templates = new Map(loaded.map((t) => [t.template.id, t]));
  }

  onModuleInit(): void {
    this.events.followCaseClosures((manager, event) => this.endWithCase(manager, event));
  }

  ofCase(actor: Actor, caseId: string): Promise<ObligationDto[]> {
    return this.work.run(actor, async (w) => {
      const kase = await this.cases.caseInScope(actor, caseId, 'obligation.list', w.manager);
      const rows = await this.obligations.ofCase(w.manager, kase.id);
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
        w.manager,
      );
      return rows.map((row) => this.dto(row));
    });
  }

  /** The worklist: open obligations of the actor's jurisdictions, overdue first, then by deadline. */
  async worklist(actor: Actor, query: ObligationQueryDto): Promise<Page<ObligationDto>> {
    const visible = actor.visibleJurisdictions(query.jurisdiction);
    if (visible && visible.length === 0)
      return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
    const found = await this.obligations.worklist(visible ?? null, query);
    // Each case file that appears in the worklist is read: one audit record per case.
    const cases = new Map(found.items.map((row) => [row.caseId, row.jurisdiction]));
    await this.audit.record(
      actor,
      [...cases].map(([caseId, jurisdiction]) => ({
        action: 'obligation.worklist',
        entityType: 'case',
        entityId: caseId,
        jurisdiction,
        outcome: 'success' as const,
      })),
    );
    return { ...found, items: found.items.map((row) => this.dto(row)) };
  }

  complete(actor: Actor, id: string, note: string): Promise<ObligationDto> {
    return this.close(actor, id, 'obligation.complete', (row) => {
      row.status = 'completed';
      row.noteSealed = this.cipher.seal(note, `${row.id}:note`);
    });
  }

  waive(actor: Actor, id: string, reason: string): Promise<ObligationDto> {
    return this.close(actor, id, 'obligation.waive', (row) => {
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

  /**
   * A closed case's own obligations (a referral's follow-up, a concertation action's) are cancelled
   * by `system:case.closed`, each audited: they leave the worklist and its due and overdue flags.
   * Those following a TGD allocation stay open: the allocation is the prosecutor's decision and the
   * device is in the victim's hands, so its tests, renewal and return are followed until the
   * allocation ends, whoever closed the coordination's file. A later incident that reopens the case
   * does not reopen them.
   */
  private async endWithCase(manager: EntityManager, event: CaseClosed): Promise<void> {
    const w = this.work.reacting(manager, event);
    const cancelled = await this.obligations.cancelOfCase(
      manager,
      event.caseId,
      event.closedAt,
      w.actor.subject,
    );
    for (const row of cancelled)
      await w.audited(OBLIGATION, row, 'obligation.cancel', {
        reason: 'case_closed',
        templateId: row.templateId,
      });
  }

  private close(
    actor: Actor,
    id: string,
    action: string,
    apply: (row: FollowUpObligation) => void,
  ): Promise<ObligationDto> {
    return this.work.change(
      actor,
      OBLIGATION,
      id,
      action,
      async (row, w) => {
        if (row.status !== 'open')
          throw new ConflictProblem(
            'obligation.closed',
            `The obligation is already ${row.status}.`,
          );
        apply(row);
        row.closedAt = this.clock.now();
        row.closedBy = actor.subject;
        await this.planner.next(w.manager, row);
        return { caseId: row.caseId, templateId: row.templateId };
      },
      (row) => this.dto(row),
    );
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
