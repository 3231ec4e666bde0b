import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, FindOptionsOrder, FindOptionsWhere, In } from 'typeorm';
import { AssessmentsService } from '../assessments/assessments.service';
import { AuditDetail } from '../audit/audit-record.entity';
import { AuditService, findInScope } from '../audit/audit.service';
import { Actor } from '../auth/actor';
import { CasesService } from '../cases/cases.service';
import { latestConsent } from '../cases/domain/case-facts';
import { Clock } from '../common/clock';
import { Page } from '../common/dto/page';
import { FieldCipher } from '../common/field-cipher';
import { ConflictProblem, ValidationProblem } from '../common/problems';
import { DevicesService } from '../devices/devices.service';
import { ObligationsService } from '../obligations/obligations.service';
import { AllocationEvent } from './allocation-event.entity';
import {
  DEFAULT_PERIOD_MONTHS,
  addMonths,
  assignmentRefusal,
  decisionRefusal,
  endRefusal,
  renewalRefusal,
} from './domain/lifecycle';
import {
  AllocationDto,
  AllocationQueryDto,
  AssignDeviceDto,
  EndAllocationDto,
  FileTgdRequestDto,
  RenewalDto,
  ReturnDeviceDto,
  SwapDeviceDto,
  TgdDecisionDto,
  TgdRequestDto,
  TgdRequestQueryDto,
} from './dto/allocation.dto';
import { TgdAllocation } from './tgd-allocation.entity';
import { TgdRequest } from './tgd-request.entity';

/** A device as a gateway names it, and the active allocation holding it, if any. */
export interface DevicePlacement {
  deviceId: string;
  serialNumber: string;
  deviceJurisdiction: string;
  holder: {
    allocationId: string;
    caseId: string;
    jurisdiction: string;
    caseReference: string;
    /** The level of the case's latest submitted assessment (after any override), if assessed. */
    dangerLevel: string | null;
  } | null;
}

const REQUEST = 'tgd_request';
const ALLOCATION = 'tgd_allocation';

/**
 * From a coordinator's request to the prosecutor's decision, and the allocation it opens: six
 * months, renewable, ended early with a reason (CPP art. 41-3-1). Every transition is guarded, runs
 * in one transaction with its audit record and its history event, and a refused one answers 409.
 */
@Injectable()
export class AllocationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly cases: CasesService,
    private readonly assessments: AssessmentsService,
    private readonly devices: DevicesService,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
    private readonly obligations: ObligationsService,
  ) {}

  async fileRequest(
    actor: Actor,
    caseId: string,
    input: FileTgdRequestDto,
  ): Promise<TgdRequestDto> {
    return this.audit.refusing(actor, () =>
      this.db.transaction(async (manager) => {
        const kase = await this.cases.caseFileForWork(actor, caseId, 'tgd_request.create', manager);
        if (kase.status === 'closed')
          throw new ConflictProblem(`Case ${kase.reference} is closed.`);
        const { assessment } = await this.assessments.submittedForWork(
          actor,
          input.assessmentId,
          'tgd_request.create',
          manager,
        );
        if (assessment.caseId !== caseId) {
          throw ValidationProblem.field(
            'assessmentId',
            `is not an assessment of case ${kase.reference}`,
          );
        }
        // CPP art. 41-3-1: the device is attributed only with the victim's express consent.
        const consent = latestConsent(kase.victim, 'tgd_allocation');
        if (!consent?.given) {
          throw new ConflictProblem(
            "The victim's express consent to a Grave Danger Phone is not recorded (CPP art. 41-3-1): record it in the case first.",
          );
        }
        if (
          await manager.getRepository(TgdAllocation).exists({ where: { caseId, status: 'active' } })
        ) {
          throw new ConflictProblem(`Case ${kase.reference} already has an active allocation.`);
        }
        if (
          await manager.getRepository(TgdRequest).exists({ where: { caseId, status: 'pending' } })
        ) {
          throw new ConflictProblem(
            `Case ${kase.reference} already has a request awaiting the prosecutor.`,
          );
        }
        const id = randomUUID();
        const request = manager.getRepository(TgdRequest).create({
          id,
          caseId,
          jurisdiction: kase.jurisdiction,
          assessmentId: assessment.id,
          status: 'pending',
          filedBy: actor.subject,
          filedAt: this.clock.now(),
          consentRecordedAt: new Date(consent.recordedAt),
          noteSealed: input.note ? this.cipher.seal(input.note, `${id}:note`) : null,
          decidedBy: null,
          decidedAt: null,
          decisionReasonsSealed: null,
          allocationId: null,
        });
        await manager.insert(TgdRequest, request);
        await this.record(manager, actor, REQUEST, request, 'tgd_request.create', {
          caseId,
          assessmentId: assessment.id,
        });
        return this.requestDto({ ...request, version: 1 });
      }),
    );
  }

  /** The prosecutor's decision; approval opens the allocation and enrols the case. */
  async decide(actor: Actor, requestId: string, input: TgdDecisionDto): Promise<TgdRequestDto> {
    return this.audit.refusing(actor, () =>
      this.db.transaction(async (manager) => {
        const request = await this.findRequest(
          manager,
          actor,
          requestId,
          'tgd_request.decide',
          true,
        );
        const refusal = decisionRefusal(request.status);
        if (refusal) throw new ConflictProblem(refusal);
        const now = this.clock.now();
        Object.assign(request, {
          status: input.decision === 'approve' ? 'approved' : 'rejected',
          decidedBy: actor.subject,
          decidedAt: now,
          decisionReasonsSealed: this.cipher.seal(input.reasons, `${request.id}:reasons`),
        });
        if (input.decision === 'approve') {
          const months = input.months ?? DEFAULT_PERIOD_MONTHS;
          const allocation = manager.getRepository(TgdAllocation).create({
            id: randomUUID(),
            caseId: request.caseId,
            jurisdiction: request.jurisdiction,
            requestId: request.id,
            status: 'active',
            startsAt: now,
            endsAt: addMonths(now, months),
            renewals: 0,
            endedAt: null,
            endReason: null,
          });
          await manager.insert(TgdAllocation, allocation);
          request.allocationId = allocation.id;
          await this.obligations.allocationApproved(manager, {
            ...this.factsOf(allocation),
            levelFromTop: (await this.assessments.levelInForce(manager, request.caseId))
              ?.levelFromTop,
          });
          await this.cases.setEnrolment(manager, request.caseId, true);
          await this.event(manager, actor, allocation.id, 'approved', {
            months,
            requestId: request.id,
            reasons: input.reasons,
          });
          await this.record(manager, actor, ALLOCATION, allocation, 'tgd_allocation.create', {
            requestId: request.id,
            months,
          });
        }
        const saved = await manager.save(request);
        await this.record(manager, actor, REQUEST, saved, 'tgd_request.decide', {
          decision: input.decision,
        });
        return this.requestDto(saved);
      }),
    );
  }

  async renew(actor: Actor, id: string, input: RenewalDto): Promise<AllocationDto> {
    return this.change(actor, id, 'tgd_allocation.renew', async (allocation, manager) => {
      const refusal = renewalRefusal(allocation.status, allocation.endsAt, this.clock.now());
      if (refusal) throw new ConflictProblem(refusal);
      const months = input.months ?? DEFAULT_PERIOD_MONTHS;
      const previousEnd = allocation.endsAt;
      allocation.endsAt = addMonths(previousEnd, months);
      allocation.renewals += 1;
      await this.obligations.allocationRenewed(
        manager,
        {
          ...this.factsOf(allocation),
          levelFromTop: (await this.assessments.levelInForce(manager, allocation.caseId))
            ?.levelFromTop,
        },
        allocation.renewals,
      );
      await this.event(manager, actor, allocation.id, 'renewed', {
        months,
        previousEndsAt: previousEnd.toISOString(),
        reasons: input.reasons,
      });
      return { months, endsAt: allocation.endsAt.toISOString() };
    });
  }

  async end(actor: Actor, id: string, input: EndAllocationDto): Promise<AllocationDto> {
    return this.change(actor, id, 'tgd_allocation.end', async (allocation, manager) => {
      const refusal = endRefusal(allocation.status);
      if (refusal) throw new ConflictProblem(refusal);
      Object.assign(allocation, {
        status: 'ended',
        endedAt: this.clock.now(),
        endReason: input.reason,
      });
      await this.closeAllocation(manager, allocation);
      await this.event(manager, actor, allocation.id, 'ended', {
        reason: input.reason,
        note: input.note ?? null,
      });
      return { reason: input.reason };
    });
  }

  async assignDevice(actor: Actor, id: string, input: AssignDeviceDto): Promise<AllocationDto> {
    return this.change(actor, id, 'tgd_allocation.device', async (allocation, manager) => {
      const refusal = assignmentRefusal(allocation.status);
      if (refusal) throw new ConflictProblem(refusal);
      const assignment = await this.devices.assign(manager, actor, allocation, input.deviceId);
      await this.obligations.deviceAssigned(manager, allocation.id, assignment.deviceId);
      await this.event(manager, actor, allocation.id, 'device_assigned', {
        deviceId: assignment.deviceId,
      });
      return { deviceId: input.deviceId };
    });
  }

  async swapDevice(actor: Actor, id: string, input: SwapDeviceDto): Promise<AllocationDto> {
    return this.change(actor, id, 'tgd_allocation.device_swap', async (allocation, manager) => {
      const refusal = assignmentRefusal(allocation.status);
      if (refusal) throw new ConflictProblem(refusal);
      const previous = await this.devices.takeBack(
        manager,
        actor,
        allocation.id,
        'swapped',
        input.condition,
      );
      await this.devices.assign(manager, actor, allocation, input.deviceId);
      await this.obligations.deviceAssigned(manager, allocation.id, input.deviceId);
      await this.event(manager, actor, allocation.id, 'device_swapped', {
        previousDeviceId: previous.deviceId,
        condition: input.condition,
        deviceId: input.deviceId,
      });
      return { previousDeviceId: previous.deviceId, deviceId: input.deviceId };
    });
  }

  /** The device handed back, during the allocation or after its end. */
  async returnDevice(actor: Actor, id: string, input: ReturnDeviceDto): Promise<AllocationDto> {
    return this.change(actor, id, 'tgd_allocation.device_return', async (allocation, manager) => {
      const returned = await this.devices.takeBack(
        manager,
        actor,
        allocation.id,
        'returned',
        input.condition,
      );
      await this.obligations.deviceReturned(manager, allocation.id);
      await this.event(manager, actor, allocation.id, 'device_returned', {
        deviceId: returned.deviceId,
        condition: input.condition,
      });
      return { deviceId: returned.deviceId, condition: input.condition };
    });
  }

  async getAllocation(actor: Actor, id: string): Promise<AllocationDto> {
    return this.audit.refusing(actor, () =>
      this.db.transaction(async (manager) => {
        const allocation = await this.findAllocation(manager, actor, id, 'tgd_allocation.read');
        await this.record(manager, actor, ALLOCATION, allocation, 'tgd_allocation.read');
        return this.allocationDto(manager, allocation);
      }),
    );
  }

  listAllocations(actor: Actor, query: AllocationQueryDto): Promise<Page<AllocationDto>> {
    return this.listScoped(actor, query, TgdAllocation, ALLOCATION, { endsAt: 'ASC' }, (m, row) =>
      this.allocationDto(m, row),
    );
  }

  async getRequest(actor: Actor, id: string): Promise<TgdRequestDto> {
    return this.audit.refusing(actor, () =>
      this.db.transaction(async (manager) => {
        const request = await this.findRequest(manager, actor, id, 'tgd_request.read');
        await this.record(manager, actor, REQUEST, request, 'tgd_request.read');
        return this.requestDto(request);
      }),
    );
  }

  /** The prosecutor's worklist: requests in the caller's jurisdictions, oldest pending first. */
  listRequests(actor: Actor, query: TgdRequestQueryDto): Promise<Page<TgdRequestDto>> {
    return this.listScoped(actor, query, TgdRequest, REQUEST, { filedAt: 'ASC' }, (_, row) =>
      this.requestDto(row),
    );
  }

  /** A page of requests or allocations in the caller's jurisdictions, each read audited. */
  private listScoped<T extends TgdRequest | TgdAllocation, D>(
    actor: Actor,
    query: { jurisdiction?: string; status?: string; page: number; pageSize: number },
    entity: new () => T,
    entityType: string,
    order: FindOptionsOrder<T>,
    toDto: (manager: EntityManager, row: T) => D | Promise<D>,
  ): Promise<Page<D>> {
    return this.db.transaction(async (manager) => {
      const where = this.scoped(
        actor,
        query.jurisdiction,
        query.status ? { status: query.status } : {},
      );
      if (!where) return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
      const [rows, total] = await manager.getRepository(entity).findAndCount({
        where: where as FindOptionsWhere<T>,
        order: { ...order, id: 'ASC' } as FindOptionsOrder<T>,
        skip: (query.page - 1) * query.pageSize,
        take: query.pageSize,
      });
      for (const row of rows)
        await this.record(manager, actor, entityType, row, `${entityType}.read`, { via: 'list' });
      return {
        items: await Promise.all(rows.map((row) => toDto(manager, row))),
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    });
  }

  async requestsOfCase(actor: Actor, caseId: string): Promise<TgdRequestDto[]> {
    return this.audit.refusing(actor, () =>
      this.db.transaction(async (manager) => {
        await this.cases.caseInScope(actor, caseId, 'tgd_request.read', manager);
        const rows = await manager
          .getRepository(TgdRequest)
          .find({ where: { caseId }, order: { filedAt: 'DESC' } });
        for (const row of rows)
          await this.record(manager, actor, REQUEST, row, 'tgd_request.read', { via: 'case' });
        return rows.map((row) => this.requestDto(row));
      }),
    );
  }

  /**
   * Where a gateway's device event belongs: the device named by serial number or IMEI and, when an
   * active allocation holds it, that allocation with its case reference and the danger level in
   * force. One statement, because it is on every alarm's path; no actor (a gateway has none).
   */
  async placementOf(manager: EntityManager, reference: string): Promise<DevicePlacement | null> {
    const [row] = await manager.query(
      // One row at each step, fenced by LIMIT so that each is an index lookup from the row before.
      `SELECT d.id AS "deviceId", d.serial_number AS "serialNumber", d.jurisdiction AS "deviceJurisdiction",
              al.id AS "allocationId", al.case_id AS "caseId", al.jurisdiction, c.reference AS "caseReference",
              (SELECT s.level FROM assessment s
               WHERE s.case_id = al.case_id AND s.status = 'submitted' AND s.superseded_by IS NULL
               ORDER BY s.submitted_at DESC LIMIT 1) AS "dangerLevel"
       FROM device d
       LEFT JOIN LATERAL (SELECT allocation_id FROM device_assignment
                          WHERE device_id = d.id AND returned_at IS NULL LIMIT 1) da ON true
       LEFT JOIN LATERAL (SELECT id, case_id, jurisdiction FROM tgd_allocation
                          WHERE id = da.allocation_id AND status = 'active' LIMIT 1) al ON true
       LEFT JOIN LATERAL (SELECT reference FROM case_file WHERE id = al.case_id LIMIT 1) c ON true
       WHERE d.serial_number = $1 OR d.imei = $1`,
      [reference],
    );
    if (!row) return null;
    const { deviceId, serialNumber, deviceJurisdiction, allocationId } = row;
    return {
      deviceId,
      serialNumber,
      deviceJurisdiction,
      holder: allocationId
        ? {
            allocationId,
            caseId: row.caseId,
            jurisdiction: row.jurisdiction,
            caseReference: row.caseReference,
            dangerLevel: row.dangerLevel,
          }
        : null,
    };
  }

  /** Locks the allocation, applies `mutate`, saves and audits in one transaction. */
  private change(
    actor: Actor,
    id: string,
    action: string,
    mutate: (allocation: TgdAllocation, manager: EntityManager) => Promise<AuditDetail>,
  ): Promise<AllocationDto> {
    return this.audit.refusing(actor, () =>
      this.db.transaction(async (manager) => {
        const allocation = await this.findAllocation(manager, actor, id, action, true);
        const detail = await mutate(allocation, manager);
        const saved = await manager.save(allocation);
        await this.record(manager, actor, ALLOCATION, saved, action, detail);
        return this.allocationDto(manager, saved);
      }),
    );
  }

  /**
   * Allocations whose end date passed without renewal end on their own (reason `expired`), claimed
   * with FOR UPDATE SKIP LOCKED so that two instances never end one twice. Returns how many.
   */
  /** Jurisdictions with at least one active allocation: victims who may press for help. */
  async activeJurisdictions(): Promise<string[]> {
    const rows: Array<{ jurisdiction: string }> = await this.db.query(
      `SELECT DISTINCT jurisdiction FROM tgd_allocation WHERE status = 'active' ORDER BY jurisdiction`,
    );
    return rows.map((r) => r.jurisdiction);
  }

  async expireDue(): Promise<number> {
    const now = this.clock.now();
    return this.db.transaction(async (manager) => {
      const due = await manager
        .getRepository(TgdAllocation)
        .createQueryBuilder('a')
        .where(`a.status = 'active' AND a.ends_at <= :now`, { now })
        .limit(100)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      const system = new Actor('system:scheduler', [], ['*']);
      for (const allocation of due) {
        Object.assign(allocation, { status: 'ended', endedAt: now, endReason: 'expired' });
        await manager.save(allocation);
        await this.closeAllocation(manager, allocation);
        await this.event(manager, system, allocation.id, 'ended', { reason: 'expired' });
        await this.record(manager, system, ALLOCATION, allocation, 'tgd_allocation.expire', {
          endsAt: allocation.endsAt.toISOString(),
        });
      }
      return due.length;
    });
  }

  /** What ending an allocation means for the case and the follow-up. */
  private async closeAllocation(manager: EntityManager, allocation: TgdAllocation) {
    await this.cases.setEnrolment(manager, allocation.caseId, false);
    const assignments = await this.devices.assignmentsOf(manager, allocation.id);
    await this.obligations.allocationEnded(
      manager,
      allocation.id,
      assignments.some((a) => a.returnedAt === null),
    );
  }

  private factsOf(allocation: TgdAllocation) {
    return {
      allocationId: allocation.id,
      caseId: allocation.caseId,
      jurisdiction: allocation.jurisdiction,
      endsAt: allocation.endsAt,
    };
  }

  /** A where clause limited to the actor's jurisdictions, or null when nothing is visible. */
  private scoped<T extends object>(actor: Actor, asked: string | undefined, where: T) {
    const visible = actor.visibleJurisdictions(asked);
    if (visible && visible.length === 0) return null;
    return { ...where, ...(visible ? { jurisdiction: In(visible) } : {}) };
  }

  private findRequest(
    manager: EntityManager,
    actor: Actor,
    id: string,
    action: string,
    lock = false,
  ) {
    return findInScope(
      manager,
      TgdRequest,
      actor,
      { id, action, entityType: REQUEST, label: 'TGD request' },
      lock,
    );
  }

  private findAllocation(
    manager: EntityManager,
    actor: Actor,
    id: string,
    action: string,
    lock = false,
  ) {
    return findInScope(
      manager,
      TgdAllocation,
      actor,
      { id, action, entityType: ALLOCATION, label: 'Allocation' },
      lock,
    );
  }

  /** A history event; its detail is sealed, bound to the allocation and the event type. */
  private event(
    manager: EntityManager,
    actor: Actor,
    allocationId: string,
    type: string,
    detail: Record<string, unknown>,
  ) {
    return manager.insert(AllocationEvent, {
      allocationId,
      type,
      occurredAt: this.clock.now(),
      actorId: actor.subject,
      detailSealed: this.cipher.seal(detail, `${allocationId}:${type}`),
    });
  }

  private record(
    manager: EntityManager,
    actor: Actor,
    entityType: string,
    row: { id: string; jurisdiction: string; caseId: string },
    action: string,
    detail?: AuditDetail,
  ) {
    return this.audit.record(
      actor,
      [
        {
          action,
          entityType,
          entityId: row.id,
          jurisdiction: row.jurisdiction,
          caseId: row.caseId,
          outcome: 'success',
          detail,
        },
      ],
      manager,
    );
  }

  private requestDto(row: TgdRequest): TgdRequestDto {
    return {
      id: row.id,
      caseId: row.caseId,
      jurisdiction: row.jurisdiction,
      assessmentId: row.assessmentId,
      status: row.status,
      filedBy: row.filedBy,
      filedAt: row.filedAt,
      consentRecordedAt: row.consentRecordedAt,
      note: row.noteSealed ? this.cipher.open<string>(row.noteSealed, `${row.id}:note`) : null,
      decidedBy: row.decidedBy,
      decidedAt: row.decidedAt,
      decisionReasons: row.decisionReasonsSealed
        ? this.cipher.open<string>(row.decisionReasonsSealed, `${row.id}:reasons`)
        : null,
      allocationId: row.allocationId,
    };
  }

  private async allocationDto(manager: EntityManager, row: TgdAllocation): Promise<AllocationDto> {
    const devices = await this.devices.assignmentsOf(manager, row.id);
    const events = await manager.getRepository(AllocationEvent).find({
      where: { allocationId: row.id },
      order: { occurredAt: 'ASC', id: 'ASC' },
    });
    return {
      id: row.id,
      caseId: row.caseId,
      jurisdiction: row.jurisdiction,
      requestId: row.requestId,
      status: row.status,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      renewals: row.renewals,
      endedAt: row.endedAt,
      endReason: row.endReason,
      device: devices.find((d) => d.returnedAt === null) ?? null,
      devices,
      history: events.map((event) => ({
        type: event.type,
        occurredAt: event.occurredAt,
        actorId: event.actorId,
        detail: event.detailSealed
          ? this.cipher.open<Record<string, unknown>>(event.detailSealed, `${row.id}:${event.type}`)
          : null,
      })),
    };
  }
}
