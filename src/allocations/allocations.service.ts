import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';

import { AssessmentsService } from '../assessments/assessments.service';
import { AuditDetail } from '../audit/domain/audit-detail';
import { Scope, UnitOfWork, Work } from '../audit/unit-of-work';
import { Actor } from '../auth/actor';
import { CasesService } from '../cases/cases.service';
import { Clock } from '../common/clock';
import { Page } from '../common/dto/page';
import { FieldCipher } from '../common/field-cipher';
import { ConflictProblem } from '../common/problems';
import { DevicesService } from '../devices/devices.service';
import { AllocationsRepository } from './allocations.repository';
import {
  addMonths,
  assignmentRefusal,
  DEFAULT_PERIOD_MONTHS,
  endRefusal,
  renewalRefusal,
} from './domain/lifecycle';
import { DevicePlacement } from './domain/placement';
import {
  AllocationDto,
  AllocationQueryDto,
  AssignDeviceDto,
  EndAllocationDto,
  RenewalDto,
  ReturnDeviceDto,
  SwapDeviceDto,
} from './dto/allocation.dto';
import { TgdAllocation } from './tgd-allocation.entity';
import { TgdRequest } from './tgd-request.entity';

const ALLOCATION: Scope<TgdAllocation> = {
  entity: TgdAllocation,
  type: 'tgd_allocation',
  label: 'Allocation',
};
const EXPIRY_BATCH = 100;

/**
 * The allocation a prosecutor's approval opens: six months, renewable, ended early with a reason or
 * expired (CPP art. 41-3-1), and the device handed over for it. Every transition is guarded, runs in
 * one unit of work with its audit record and its history event, and announces what happened
 * (`allocation.*`, `device.*`) for the features that follow up.
 */
@Injectable()
export class AllocationsService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly repository: AllocationsRepository,
    private readonly assessments: AssessmentsService,
    private readonly devices: DevicesService,
    private readonly cases: CasesService,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
  ) {}

  /** Opens the allocation an approved request grants, at `now`, in the decision's unit of work. */
  async open(w: Work, request: TgdRequest, input: { months?: number; reasons: string }, now: Date) {
    const months = input.months ?? DEFAULT_PERIOD_MONTHS;
    const allocation = w.manager.getRepository(TgdAllocation).create({
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
    await this.repository.insertAllocation(w.manager, allocation);
    await w.publish({ type: 'allocation.approved', ...(await this.facts(w, allocation)) });
    await this.event(w, allocation.id, 'approved', {
      months,
      requestId: request.id,
      reasons: input.reasons,
    });
    await w.audited(ALLOCATION, allocation, 'tgd_allocation.create', {
      requestId: request.id,
      months,
    });
    return allocation.id;
  }

  renew(actor: Actor, id: string, input: RenewalDto): Promise<AllocationDto> {
    return this.change(actor, id, 'tgd_allocation.renew', async (allocation, w) => {
      const refusal = renewalRefusal(allocation.status, allocation.endsAt, this.clock.now());
      if (refusal) throw ConflictProblem.of(refusal);
      const months = input.months ?? DEFAULT_PERIOD_MONTHS;
      const previousEnd = allocation.endsAt;
      allocation.endsAt = addMonths(previousEnd, months);
      allocation.renewals += 1;
      await w.publish({
        type: 'allocation.renewed',
        renewal: allocation.renewals,
        ...(await this.facts(w, allocation)),
      });
      await this.event(w, allocation.id, 'renewed', {
        months,
        previousEndsAt: previousEnd.toISOString(),
        reasons: input.reasons,
      });
      return { months, endsAt: allocation.endsAt.toISOString() };
    });
  }

  end(actor: Actor, id: string, input: EndAllocationDto): Promise<AllocationDto> {
    return this.change(actor, id, 'tgd_allocation.end', async (allocation, w) => {
      const refusal = endRefusal(allocation.status);
      if (refusal) throw ConflictProblem.of(refusal);
      await this.close(w, allocation, input.reason, this.clock.now());
      await this.event(w, allocation.id, 'ended', {
        reason: input.reason,
        note: input.note ?? null,
      });
      return { reason: input.reason };
    });
  }

  assignDevice(actor: Actor, id: string, input: AssignDeviceDto): Promise<AllocationDto> {
    return this.change(actor, id, 'tgd_allocation.device', async (allocation, w) => {
      const refusal = assignmentRefusal(allocation.status);
      if (refusal) throw ConflictProblem.of(refusal);
      await this.devices.assign(w.manager, actor, allocation, input.deviceId);
      await w.publish({
        type: 'device.assigned',
        allocationId: allocation.id,
        deviceId: input.deviceId,
        caseId: allocation.caseId,
        jurisdiction: allocation.jurisdiction,
      });
      await this.event(w, allocation.id, 'device_assigned', { deviceId: input.deviceId });
      return { deviceId: input.deviceId };
    });
  }

  swapDevice(actor: Actor, id: string, input: SwapDeviceDto): Promise<AllocationDto> {
    return this.change(actor, id, 'tgd_allocation.device_swap', async (allocation, w) => {
      const refusal = assignmentRefusal(allocation.status);
      if (refusal) throw ConflictProblem.of(refusal);
      const previous = await this.devices.takeBack(
        w.manager,
        actor,
        allocation.id,
        'swapped',
        input.condition,
      );
      await this.devices.assign(w.manager, actor, allocation, input.deviceId);
      await w.publish({
        type: 'device.assigned',
        allocationId: allocation.id,
        deviceId: input.deviceId,
        caseId: allocation.caseId,
        jurisdiction: allocation.jurisdiction,
      });
      await this.event(w, allocation.id, 'device_swapped', {
        previousDeviceId: previous.deviceId,
        condition: input.condition,
        deviceId: input.deviceId,
      });
      return { previousDeviceId: previous.deviceId, deviceId: input.deviceId };
    });
  }

  /** The device handed back, during the allocation or after its end. */
  returnDevice(actor: Actor, id: string, input: ReturnDeviceDto): Promise<AllocationDto> {
    return this.change(actor, id, 'tgd_allocation.device_return', async (allocation, w) => {
      const returned = await this.devices.takeBack(
        w.manager,
        actor,
        allocation.id,
        'returned',
        input.condition,
      );
      await w.publish({
        type: 'device.returned',
        allocationId: allocation.id,
        deviceId: returned.deviceId,
      });
      await this.event(w, allocation.id, 'device_returned', {
        deviceId: returned.deviceId,
        condition: input.condition,
      });
      return { deviceId: returned.deviceId, condition: input.condition };
    });
  }

  getAllocation(actor: Actor, id: string): Promise<AllocationDto> {
    return this.work.read(actor, ALLOCATION, id, 'tgd_allocation.read', (row, w) =>
      this.dto(w, row),
    );
  }

  listAllocations(actor: Actor, query: AllocationQueryDto): Promise<Page<AllocationDto>> {
    return this.work.run(actor, async (w) => {
      const [rows, total] = await this.repository.pageInScope(
        w.manager,
        TgdAllocation,
        actor,
        query,
        { endsAt: 'ASC' },
      );
      const items: AllocationDto[] = [];
      for (const row of rows) {
        await w.audited(ALLOCATION, row, 'tgd_allocation.read', { via: 'list' });
        items.push(await this.dto(w, row));
      }
      return { items, total, page: query.page, pageSize: query.pageSize };
    });
  }

  /** Where a gateway's device event belongs (see `AllocationsRepository.placementOf`). */
  placementOf(reference: string): Promise<DevicePlacement | null> {
    return this.repository.placementOf(reference);
  }

  /** Jurisdictions with at least one active allocation: victims who may press for help. */
  activeJurisdictions(): Promise<string[]> {
    return this.repository.activeJurisdictions();
  }

  /**
   * Allocations whose end date passed without renewal end on their own (reason `expired`), claimed
   * with FOR UPDATE SKIP LOCKED so that two instances never end one twice. Returns how many.
   */
  expireDue(): Promise<number> {
    const now = this.clock.now();
    const system = new Actor('system:scheduler', [], ['*']);
    return this.work.run(system, async (w) => {
      const due = await this.repository.claimExpired(w.manager, now, EXPIRY_BATCH);
      for (const allocation of due) {
        await this.close(w, allocation, 'expired', now);
        await w.manager.save(allocation);
        await this.event(w, allocation.id, 'ended', { reason: 'expired' });
        await w.audited(ALLOCATION, allocation, 'tgd_allocation.expire', {
          endsAt: allocation.endsAt.toISOString(),
        });
      }
      return due.length;
    });
  }

  /** Locks the allocation, applies `mutate`, saves and audits in one unit of work. */
  private change(
    actor: Actor,
    id: string,
    action: string,
    mutate: (allocation: TgdAllocation, w: Work) => Promise<AuditDetail>,
  ): Promise<AllocationDto> {
    return this.work.change(actor, ALLOCATION, id, action, mutate, (row, w) => this.dto(w, row));
  }

  /** Ends the allocation and announces it, with whether a device is still in the victim's hands. */
  private async close(w: Work, allocation: TgdAllocation, reason: string, at: Date) {
    Object.assign(allocation, { status: 'ended', endedAt: at, endReason: reason });
    const assignments = await this.devices.assignmentsOf(w.manager, allocation.id);
    await w.publish({
      type: 'allocation.ended',
      allocationId: allocation.id,
      caseId: allocation.caseId,
      reason,
      deviceInHand: assignments.some((a) => a.returnedAt === null),
    });
  }

  /** What an allocation event says of it, with the danger level in force. */
  private async facts(w: Work, allocation: TgdAllocation) {
    const level = await this.assessments.levelInForce(w.manager, allocation.caseId);
    return {
      allocationId: allocation.id,
      caseId: allocation.caseId,
      jurisdiction: allocation.jurisdiction,
      endsAt: allocation.endsAt,
      levelFromTop: level?.levelFromTop,
    };
  }

  /** A history event; its detail is sealed, bound to the allocation and the event type. */
  private event(w: Work, allocationId: string, type: string, detail: Record<string, unknown>) {
    return this.repository.addEvent(w.manager, {
      allocationId,
      type,
      occurredAt: this.clock.now(),
      actorId: w.actor.subject,
      detailSealed: this.cipher.seal(detail, `${allocationId}:${type}`),
    });
  }

  private async dto(w: Work, row: TgdAllocation): Promise<AllocationDto> {
    const devices = await this.devices.assignmentsOf(w.manager, row.id);
    const events = await this.repository.history(w.manager, row.id);
    const contact = (await this.cases.contacts(w.manager, [row.caseId])).get(row.caseId);
    return {
      id: row.id,
      caseId: row.caseId,
      caseReference: contact?.reference ?? '',
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
