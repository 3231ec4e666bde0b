import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditDetail } from '../audit/audit-record.entity';
import { AuditService, findInScope } from '../audit/audit.service';
import { Actor } from '../auth/actor';
import { Clock } from '../common/clock';
import { Page } from '../common/dto/page';
import { FieldCipher } from '../common/field-cipher';
import { ConflictProblem, ForbiddenProblem } from '../common/problems';
import { CaseFile } from './case-file.entity';
import { Author, Child, Victim } from './domain/case-file';
import { recordConsents } from './domain/consents';
import { caseReference } from './domain/case-reference';
import { CaseDto, CaseQueryDto, CloseCaseDto, CreateCaseDto, UpdateCaseDto } from './dto/case.dto';

const ENTITY = 'case';

/** The victim file: every read and write is scoped to the actor's jurisdictions and audited. */
@Injectable()
export class CasesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
  ) {}

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
    const row = this.db.getRepository(CaseFile).create({
      id,
      reference: caseReference(input.jurisdiction, now, randomBytes),
      jurisdiction: input.jurisdiction,
      status: 'open',
      coordinatorId: input.coordinatorId ?? actor.subject,
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
    await this.db.transaction(async (manager) => {
      await manager.insert(CaseFile, row);
      await this.audit.record(
        actor,
        [
          {
            action: 'case.create',
            entityType: ENTITY,
            entityId: id,
            jurisdiction: row.jurisdiction,
            outcome: 'success',
          },
        ],
        manager,
      );
    });
    return this.toDto({ ...row, version: 1 });
  }

  async get(actor: Actor, id: string): Promise<CaseDto> {
    const row = await this.audit.refusing(actor, () =>
      this.findForActor(this.db.manager, actor, id, 'case.read'),
    );
    await this.audit.record(actor, [
      {
        action: 'case.read',
        entityType: ENTITY,
        entityId: id,
        jurisdiction: row.jurisdiction,
        outcome: 'success',
      },
    ]);
    return this.toDto(row);
  }

  /**
   * The case another capability works on (an assessment, a request), if the actor may act in its
   * jurisdiction; otherwise an AuditedRefusal (404), to be run inside `audit.refusing`.
   */
  async caseInScope(
    actor: Actor,
    caseId: string,
    action: string,
    manager: EntityManager = this.db.manager,
  ): Promise<CaseSummary> {
    const row = await this.findForActor(manager, actor, caseId, action);
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
    const row = await this.findForActor(manager, actor, caseId, action);
    await this.audit.record(
      actor,
      [
        {
          action: 'case.read',
          entityType: ENTITY,
          entityId: row.id,
          jurisdiction: row.jurisdiction,
          outcome: 'success',
          detail: { via: action },
        },
      ],
      manager,
    );
    return this.toDto(row);
  }

  /** Enrolled while a Grave Danger Phone is allocated, open again when it ends. */
  async setEnrolment(manager: EntityManager, caseId: string, enrolled: boolean): Promise<void> {
    await manager
      .getRepository(CaseFile)
      .createQueryBuilder()
      .update()
      .set({
        status: enrolled ? 'enrolled' : 'open',
        updatedAt: this.clock.now(),
        version: () => 'version + 1',
      })
      .where('id = :caseId AND status <> :closed', { caseId, closed: 'closed' })
      .execute();
  }

  async list(actor: Actor, query: CaseQueryDto): Promise<Page<CaseDto>> {
    const visible = actor.visibleJurisdictions(query.jurisdiction);
    if (visible && visible.length === 0) {
      return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
    }
    const [rows, total] = await this.db.getRepository(CaseFile).findAndCount({
      where: {
        ...(visible ? { jurisdiction: In(visible) } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(query.coordinatorId ? { coordinatorId: query.coordinatorId } : {}),
      },
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
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
      const changed = changedFields(current, next);
      if (patch.coordinatorId && patch.coordinatorId !== row.coordinatorId) {
        row.coordinatorId = patch.coordinatorId;
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

  /** Locks the row, applies `mutate`, saves and audits in one transaction; closed cases are frozen. */
  private async change(
    actor: Actor,
    id: string,
    action: string,
    mutate: (row: CaseFile, current: CaseContent) => AuditDetail,
  ): Promise<CaseDto> {
    const saved = await this.audit.refusing(actor, () =>
      this.db.transaction(async (manager) => {
        const row = await this.findForActor(manager, actor, id, action, true);
        if (row.status === 'closed') {
          throw new ConflictProblem(
            `Case ${row.reference} is closed and can no longer be changed.`,
          );
        }
        const detail = mutate(row, this.open(row));
        row.updatedAt = this.clock.now();
        const result = await manager.save(row);
        await this.audit.record(
          actor,
          [
            {
              action,
              entityType: ENTITY,
              entityId: id,
              jurisdiction: row.jurisdiction,
              outcome: 'success',
              detail,
            },
          ],
          manager,
        );
        return result;
      }),
    );
    return this.toDto(saved);
  }

  /**
   * A case outside the actor's jurisdictions answers exactly like a missing one (404), so existence
   * does not leak; callers run this inside `audit.refusing` so the refusal is still audited.
   */
  private findForActor(
    manager: EntityManager,
    actor: Actor,
    id: string,
    action: string,
    lock = false,
  ): Promise<CaseFile> {
    return findInScope(
      manager,
      CaseFile,
      actor,
      { id, action, entityType: ENTITY, label: 'Case' },
      lock,
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

/** Shallow merge of a patch: keys given replace, `null` clears. */
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

function merge<T extends object>(current: T, patch: object): T {
  const next: Record<string, unknown> = { ...(current as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) delete next[key];
    else next[key] = value;
  }
  return next as T;
}
