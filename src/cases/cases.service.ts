import { randomBytes, randomUUID } from 'node:crypto';

import { Injectable, OnModuleInit } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { EntityManager } from 'typeorm';

import { AuditService } from '../audit/audit.service';
import { AuditDetail } from '../audit/domain/audit-detail';
import { Scope, UnitOfWork } from '../audit/unit-of-work';
import { Actor } from '../auth/actor';
import { Clock } from '../common/clock';
import { DomainEventPublisher } from '../common/domain-event-publisher';
import { Page } from '../common/dto/page';
import { FieldCipher } from '../common/field-cipher';
import {
  ConflictProblem,
  FieldError,
  ForbiddenProblem,
  ValidationProblem,
} from '../common/problems';
import { flattenValidationErrors } from '../common/validation';
import { CaseFile } from './case-file.entity';
import { CasesRepository } from './cases.repository';
import { closedRefusal, versionConflict } from './domain/case-errors';
import { Author, Child, Victim } from './domain/case-file';
import { caseReference } from './domain/case-reference';
import { recordConsents } from './domain/consents';
import {
  CaseDto,
  CaseQueryDto,
  CloseCaseDto,
  CreateCaseDto,
  UpdateCaseDto,
  VictimDto,
} from './dto/case.dto';

const ENTITY = 'case';
const CASE: Scope<CaseFile> = { entity: CaseFile, type: ENTITY, label: 'Case' };

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
    private readonly cipher: FieldCipher,
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
    const id = randomUUID();
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
    });
    this.seal(row, {
      victim: {
        ...input.victim,
        consents: recordConsents([], input.victim.consents, actor.subject),
      },
      author: input.author ?? null,
      children: input.children ?? [],
    });
    await this.work.run(actor, async (w) => {
      await this.cases.insert(w.manager, row);
      await w.audited(CASE, row, 'case.create');
    });
    return this.toDto({ ...row, version: 1 });
  }

  get(actor: Actor, id: string): Promise<CaseDto> {
    return this.work.read(actor, CASE, id, 'case.read', (row) => this.toDto(row));
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
    return this.toDto(row);
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
      items: rows.map((row) => this.toDto(row)),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async update(actor: Actor, id: string, patch: UpdateCaseDto): Promise<CaseDto> {
    return this.change(actor, id, 'case.update', (row, current) => {
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
        children: patch.children ?? current.children,
      };
      // A patch may clear an optional field (null), never a required one: the result must still be
      // a victim as the API accepts one.
      const faults = patch.victim ? victimFaults(next.victim) : [];
      if (faults.length > 0) throw new ValidationProblem(faults);
      const changed = changedFields(current, next);
      if (patch.coordinatorId && patch.coordinatorId !== row.coordinatorId) {
        row.coordinatorId = patch.coordinatorId;
        row.coordinatorName = coordinatorName(actor, patch.coordinatorId);
        changed.push('coordinatorId');
      }
      this.seal(row, next);
      return { fields: changed.sort() };
    });
  }

  async close(actor: Actor, id: string, input: CloseCaseDto): Promise<CaseDto> {
    return this.change(actor, id, 'case.close', (row) => {
      row.status = 'closed';
      row.closedAt = this.clock.now();
      row.closeReasonSealed = this.cipher.seal(input.reason, `${row.id}:closeReason`);
      return { status: 'closed' };
    });
  }

  /** Locks the row, applies `mutate`, saves and audits in one unit of work; closed cases are frozen. */
  private change(
    actor: Actor,
    id: string,
    action: string,
    mutate: (row: CaseFile, current: CaseContent) => AuditDetail,
  ): Promise<CaseDto> {
    return this.work.change(
      actor,
      CASE,
      id,
      action,
      (row) => {
        if (row.status === 'closed') throw ConflictProblem.of(closedRefusal(row.reference));
        const detail = mutate(row, this.open(row));
        row.updatedAt = this.clock.now();
        return detail;
      },
      (row) => this.toDto(row),
    );
  }

  private seal(row: CaseFile, content: CaseContent): void {
    row.victimSealed = this.cipher.seal(content.victim, `${row.id}:victim`);
    row.authorSealed = content.author ? this.cipher.seal(content.author, `${row.id}:author`) : null;
    row.childrenSealed = this.cipher.seal(content.children, `${row.id}:children`);
  }

  private open(row: CaseFile): CaseContent {
    return {
      victim: this.cipher.open<Victim>(row.victimSealed, `${row.id}:victim`),
      author: row.authorSealed
        ? this.cipher.open<Author>(row.authorSealed, `${row.id}:author`)
        : null,
      children: this.cipher.open<Child[]>(row.childrenSealed, `${row.id}:children`),
    };
  }

  private toDto(row: CaseFile): CaseDto {
    return {
      id: row.id,
      reference: row.reference,
      jurisdiction: row.jurisdiction,
      status: row.status,
      coordinatorId: row.coordinatorId,
      coordinatorName: row.coordinatorName ?? null,
      ...this.open(row),
      closeReason: row.closeReasonSealed
        ? this.cipher.open<string>(row.closeReasonSealed, `${row.id}:closeReason`)
        : null,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      closedAt: row.closedAt,
      version: row.version,
    };
  }
}

export interface CaseSummary {
  id: string;
  reference: string;
  jurisdiction: string;
  status: CaseFile['status'];
}

interface CaseContent {
  victim: Victim;
  author: Author | null;
  children: Child[];
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
