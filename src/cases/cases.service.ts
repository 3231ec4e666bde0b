import { randomBytes, randomUUID } from 'node:crypto';

import { Injectable, OnModuleInit } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { EntityManager } from 'typeorm';

import { AuditService } from '../audit/audit.service';
import { AuditDetail } from '../audit/domain/audit-detail';
import { Scope, UnitOfWork, Work } from '../audit/unit-of-work';
import { Actor } from '../auth/actor';
import { Clock } from '../common/clock';
import { DomainEventPublisher } from '../common/domain-event-publisher';
import { Page } from '../common/dto/page';
import {
  ConflictProblem,
  FieldError,
  ForbiddenProblem,
  ValidationProblem,
} from '../common/problems';
import { flattenValidationErrors } from '../common/validation';
import { CaseFile } from './case-file.entity';
import { CaseContent, CaseViews } from './case-views';
import { CasesRepository } from './cases.repository';
import { authorTrackEvents, authorTrackFaults } from './domain/author-track';
import { childHasFollowUp, closedRefusal, versionConflict } from './domain/case-errors';
import { Consent, Victim } from './domain/case-file';
import { caseReference } from './domain/case-reference';
import { mergeChildren } from './domain/children';
import { latestSharingConsent, newConsents, recordConsents } from './domain/consents';
import { intakeFault } from './domain/intake';
import { CaseDto, CaseQueryDto, CreateCaseDto, UpdateCaseDto, VictimDto } from './dto/case.dto';

export const ENTITY = 'case';
export const CASE: Scope<CaseFile> = { entity: CaseFile, type: ENTITY, label: 'Case' };

/**
 * The victim file: every read and write is scoped to the actor's jurisdictions and audited. A case
 * is enrolled while a Grave Danger Phone is allocated (it hears `allocation.approved` and `.ended`).
 */
@Injectable()
export class CasesService implements OnModuleInit {
  constructor(
    private readonly cases: CasesRepository,
    private readonly work: UnitOfWork,
    private readonly audit: AuditService,
    private readonly events: DomainEventPublisher,
    private readonly views: CaseViews,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.events.subscribe(async (manager, event) => {
      if (event.type === 'allocation.approved' || event.type === 'allocation.ended')
        await this.setEnrolment(manager, event.caseId, event.type === 'allocation.approved');
    });
  }

  async create(actor: Actor, input: CreateCaseDto): Promise<CaseDto> {
    if (!actor.canActIn(input.jurisdiction)) {
      await this.audit.record(actor, [
        {
          action: 'case.create',
          entityType: ENTITY,
          jurisdiction: input.jurisdiction,
          outcome: 'denied',
        },
      ]);
      throw new ForbiddenProblem(`You may not open a case in jurisdiction ${input.jurisdiction}.`);
    }
    const now = this.clock.now();
    const faults = consentFaults(input.victim.consents, 'victim.consents');
    const intakeError = input.intake ? intakeFault(input.intake, now) : null;
    if (intakeError) faults.push(fault(`intake.${intakeError.field}`, intakeError.message));
    for (const f of authorTrackFaults(input.author ?? null)) faults.push(fault(f.field, f.message));
    if (faults.length > 0) throw new ValidationProblem(faults);
    const id = randomUUID();
    const receivedAt = input.intake?.receivedAt ? new Date(input.intake.receivedAt) : now;
    const row = Object.assign(new CaseFile(), {
      id,
      reference: caseReference(input.jurisdiction, now, randomBytes),
      jurisdiction: input.jurisdiction,
      status: 'open',
      coordinatorId: input.coordinatorId ?? actor.subject,
      coordinatorName: coordinatorName(actor, input.coordinatorId ?? actor.subject),
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      closeReasonSealed: null,
      closeReasonCode: null,
      intakeChannel: input.intake?.channel ?? null,
      intakePartnerId: input.intake?.partnerId ?? null,
      intakeReceivedAt: input.intake ? receivedAt : null,
      intakeTakenById: input.intake ? actor.subject : null,
      intakeTakenByName: input.intake ? (actor.displayName ?? null) : null,
      lastKnownAt: receivedAt,
      transferTo: null,
      transferRequestedAt: null,
      transferRequestedBy: null,
      transferReasonSealed: null,
    });
    const victim = {
      ...input.victim,
      consents: recordConsents([], input.victim.consents, actor.subject),
    };
    // Every child gets its own id: the follow-up is recorded against it (issue #17).
    const today = this.clock.now().toISOString().slice(0, 10);
    const children = (input.children ?? []).map(({ ageGivenOn: _set, ...c }) => ({
      ...c,
      id: randomUUID(),
      ageGivenOn: today,
      followUp: [],
    }));
    this.views.seal(row, { victim, author: input.author ?? null, children });
    return this.work.run(actor, async (w) => {
      // The repeat rule runs before this case's own keys exist: it finds only the others.
      await this.views.applyRepeat(w.manager, row, victim, now);
      await this.cases.insert(w.manager, row);
      await this.views.storeIdentityKeys(w.manager, row, victim);
      await w.audited(CASE, row, 'case.create', {
        intake: row.intakeChannel ?? 'unknown',
        repeat: row.repeatCaseIds.length > 0,
      });
      await this.announceConsents(w.publish.bind(w), row, [], victim.consents);
      return this.views.dto(w.manager, actor, { ...row, version: 1 });
    });
  }

  /**
   * The latest entry of the victim's consent to share with one partner organisation (given, or
   * withdrawn), or null when none names it: what the referrals feature checks before and while a
   * partner reads. A system check, not a read of the file: not audited, reveals nothing else.
   */
  async sharingConsent(
    caseId: string,
    recipient: string,
    manager?: EntityManager,
  ): Promise<{ given: boolean; recordedAt: string } | null> {
    const row = await this.cases.byId(manager ?? null, caseId);
    if (!row) return null;
    const latest = latestSharingConsent(this.views.open(row).victim.consents, recipient);
    return latest ? { given: latest.given, recordedAt: latest.recordedAt } : null;
  }

  get(actor: Actor, id: string): Promise<CaseDto> {
    return this.work.read(actor, CASE, id, 'case.read', (row, w) =>
      this.views.dto(w.manager, actor, row),
    );
  }

  /**
   * The case another capability works on (an assessment, a request), if the actor may act in its
   * jurisdiction; otherwise an AuditedRefusal (404), to be run inside a unit of work.
   */
  async caseInScope(
    actor: Actor,
    caseId: string,
    action: string,
    manager: EntityManager,
  ): Promise<CaseSummary> {
    const row = await this.work.within(manager, actor).find(CASE, caseId, action);
    return {
      id: row.id,
      reference: row.reference,
      jurisdiction: row.jurisdiction,
      status: row.status,
    };
  }

  /**
   * The whole victim file for another capability's operation (a request, a recommendation, a
   * report), read in its transaction and audited as a read of the case.
   */
  async caseFileForWork(
    actor: Actor,
    caseId: string,
    action: string,
    manager: EntityManager,
  ): Promise<CaseDto> {
    const w = this.work.within(manager, actor);
    const row = await w.find(CASE, caseId, action);
    await w.audited(CASE, row, 'case.read', { via: action });
    return this.views.dto(manager, actor, row);
  }

  /**
   * The ids of a coordinator's cases that the actor may see: what other lists filter "my cases"
   * by (ids only, nothing personal read).
   */
  caseIdsOf(actor: Actor, coordinatorId: string, manager?: EntityManager): Promise<string[]> {
    return this.cases.idsOfCoordinator(
      manager ?? null,
      coordinatorId,
      actor.visibleJurisdictions() ?? null,
    );
  }

  /** The reference and coordinator of cases, for notices about them (no personal data). */
  async contacts(
    manager: EntityManager,
    ids: string[],
  ): Promise<Map<string, { reference: string; coordinatorId: string }>> {
    if (ids.length === 0) return new Map();
    const rows = await this.cases.contacts(manager, ids);
    return new Map(
      rows.map((r) => [r.id, { reference: r.reference, coordinatorId: r.coordinatorId }]),
    );
  }

  /** Enrolled while a Grave Danger Phone is allocated, open again when it ends. */
  private async setEnrolment(
    manager: EntityManager,
    caseId: string,
    enrolled: boolean,
  ): Promise<void> {
    await this.cases.setStatus(manager, caseId, enrolled ? 'enrolled' : 'open', this.clock.now());
  }

  async list(actor: Actor, query: CaseQueryDto): Promise<Page<CaseDto>> {
    const visible = actor.visibleJurisdictions(query.jurisdiction);
    if (visible && visible.length === 0) {
      return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
    }
    const [rows, total] = await this.cases.page(visible ?? null, query);
    await this.audit.record(
      actor,
      rows.map((row) => ({
        action: 'case.read',
        entityType: ENTITY,
        entityId: row.id,
        jurisdiction: row.jurisdiction,
        outcome: 'success' as const,
        detail: { via: 'list' },
      })),
    );
    return {
      items: await this.views.dtos(null, actor, rows),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async update(actor: Actor, id: string, patch: UpdateCaseDto): Promise<CaseDto> {
    const consentErrors = consentFaults(patch.victim?.consents, 'victim.consents');
    if (consentErrors.length > 0) throw new ValidationProblem(consentErrors);
    return this.change(actor, id, 'case.update', async (row, current, w) => {
      // Checked on the locked row: two editors of one case never silently undo each other.
      if (patch.expectedVersion !== undefined && patch.expectedVersion !== row.version)
        throw ConflictProblem.of(
          versionConflict(row.reference, patch.expectedVersion, row.version),
        );
      const next = {
        // Consents are a record: a PATCH adds entries, never replaces nor removes one.
        victim: patch.victim
          ? {
              ...merge(current.victim, { ...patch.victim, consents: undefined }),
              consents: recordConsents(
                current.victim.consents,
                patch.victim.consents,
                actor.subject,
              ),
            }
          : current.victim,
        author: patch.author ? merge(current.author ?? {}, patch.author) : current.author,
        children: current.children,
      };
      // A patch may clear an optional field (null), never a required one: the result must still be
      // a victim as the API accepts one.
      const faults = patch.victim ? victimFaults(next.victim) : [];
      if (patch.author)
        for (const f of authorTrackFaults(next.author)) faults.push(fault(f.field, f.message));
      if (patch.children) {
        // Children given with their id keep their follow-up; none with a follow-up is lost.
        const merged = mergeChildren(
          current.children,
          patch.children,
          randomUUID,
          this.clock.now().toISOString().slice(0, 10),
        );
        for (const f of merged.faults) faults.push(fault(f.field, f.message));
        if (faults.length === 0 && merged.dropped.length > 0)
          throw ConflictProblem.of(childHasFollowUp(row.reference, merged.dropped));
        next.children = merged.children;
      }
      if (faults.length > 0) throw new ValidationProblem(faults);
      // The author's track in the history: what the coordinator follows (steps and dates only).
      if (patch.author)
        for (const e of authorTrackEvents(current.author, next.author))
          await this.views.recordEvent(w, row.id, 'author_track', this.clock.now(), {
            occurredAt: new Date(`${e.on}T00:00:00Z`),
            detail: { step: e.step, ...(e.measureType ? { measureType: e.measureType } : {}) },
          });
      const changed = changedFields(current, next);
      if (patch.coordinatorId && patch.coordinatorId !== row.coordinatorId) {
        row.coordinatorId = patch.coordinatorId;
        row.coordinatorName = coordinatorName(actor, patch.coordinatorId);
        changed.push('coordinatorId');
      }
      this.views.seal(row, next);
      if (patch.victim) {
        await this.views.storeIdentityKeys(w.manager, row, next.victim);
        await this.announceConsents(
          w.publish.bind(w),
          row,
          current.victim.consents,
          next.victim.consents ?? [],
        );
      }
      return { fields: changed.sort() };
    });
  }

  /** One `consent.recorded` per entry the record gained, in the writer's transaction. */
  private async announceConsents(
    publish: Work['publish'],
    row: CaseFile,
    before: readonly Consent[] | undefined,
    after: readonly Consent[],
  ): Promise<void> {
    for (const entry of newConsents(before, after))
      await publish({
        type: 'consent.recorded',
        caseId: row.id,
        jurisdiction: row.jurisdiction,
        purpose: entry.purpose,
        given: entry.given,
        recipient: entry.recipient ?? null,
        recordedAt: new Date(entry.recordedAt),
      });
  }

  /** Locks the row, applies `mutate`, saves and audits in one unit of work; closed cases are frozen. */
  private change(
    actor: Actor,
    id: string,
    action: string,
    mutate: (row: CaseFile, current: CaseContent, w: Work) => Promise<AuditDetail>,
  ): Promise<CaseDto> {
    return this.work.change(
      actor,
      CASE,
      id,
      action,
      async (row, w) => {
        if (row.status === 'closed') throw ConflictProblem.of(closedRefusal(row.reference));
        const detail = await mutate(row, this.views.open(row), w);
        row.updatedAt = this.clock.now();
        return detail;
      },
      (row, w) => this.views.dto(w.manager, actor, row),
    );
  }
}

export interface CaseSummary {
  id: string;
  reference: string;
  jurisdiction: string;
  status: CaseFile['status'];
}

function fault(field: string, message: string): FieldError {
  return ValidationProblem.field(field, message).errors[0];
}

/** Recipients name a partner for sharing only: anywhere else they would mean nothing. */
function consentFaults(entries: readonly Consent[] | undefined, path: string): FieldError[] {
  return (entries ?? []).flatMap((c, i) =>
    c.recipient && c.purpose !== 'information_sharing'
      ? [fault(`${path}.${i}.recipient`, 'is given with information_sharing only')]
      : [],
  );
}

/** The coordinator's name, known only when the actor names themself the coordinator. */
function coordinatorName(actor: Actor, coordinatorId: string): string | null {
  return coordinatorId === actor.subject ? (actor.displayName ?? null) : null;
}

/** The fields that differ, one level into victim and author (`victim.phone`), for the audit. */
function changedFields(current: CaseContent, next: CaseContent): string[] {
  const changed: string[] = [];
  for (const key of ['victim', 'author', 'children'] as const) {
    const before = (current[key] ?? {}) as Record<string, unknown>;
    const after = (next[key] ?? {}) as Record<string, unknown>;
    if (key === 'children' || Array.isArray(before) || Array.isArray(after)) {
      if (JSON.stringify(before) !== JSON.stringify(after)) changed.push(key);
      continue;
    }
    for (const field of new Set([...Object.keys(before), ...Object.keys(after)]))
      if (JSON.stringify(before[field]) !== JSON.stringify(after[field]))
        changed.push(`${key}.${field}`);
  }
  return changed;
}

/** What makes a merged victim one the API would not accept (its consents are checked on entry). */
function victimFaults(victim: Victim): FieldError[] {
  const { consents: _consents, ...rest } = victim;
  return flattenValidationErrors(validateSync(plainToInstance(VictimDto, rest)), 'victim');
}

/** Shallow merge of a patch: keys given replace, `null` clears. */
function merge<T extends object>(current: T, patch: object): T {
  const next: Record<string, unknown> = { ...(current as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) delete next[key];
    else next[key] = value;
  }
  return next as T;
}
