import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { Scope, UnitOfWork } from '../audit/unit-of-work';
import { Actor } from '../auth/actor';
import { Clock } from '../common/clock';
import { Page } from '../common/dto/page';
import { ConflictProblem, ForbiddenProblem, ValidationProblem } from '../common/problems';
import { Device } from './device.entity';
import { DeviceAssignment } from './device-assignment.entity';
import { DevicesRepository } from './devices.repository';
import {
  DEVICE_STATUSES,
  isValidImei,
  manualStatusRefusal,
  ReturnCondition,
  statusAfterReturn,
} from './domain/device';
import {
  DeviceQueryDto,
  DeviceStatusDto,
  DeviceStockDto,
  DeviceWithHistoryDto,
  RegisterDeviceDto,
} from './dto/device.dto';

const DEVICE: Scope<Device> = { entity: Device, type: 'device', label: 'Device' };

/**
 * The inventory of Grave Danger Phones, per court, and their hand-overs. Assignment runs inside the
 * allocations module's transaction: the device row is locked, and the partial unique indexes of
 * device_assignment settle any race the lock does not.
 */
@Injectable()
export class DevicesService {
  constructor(
    private readonly devices: DevicesRepository,
    private readonly work: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async register(actor: Actor, input: RegisterDeviceDto): Promise<Device> {
    if (!isValidImei(input.imei))
      throw ValidationProblem.field('imei', 'fails the IMEI check digit (Luhn)');
    if (!actor.canActIn(input.jurisdiction)) {
      throw new ForbiddenProblem(`You may not manage the stock of ${input.jurisdiction}.`);
    }
    return this.work.run(actor, async (w) => {
      const { manager } = w;
      const clash = await this.devices.clash(manager, input.serialNumber, input.imei);
      if (clash) {
        const field = clash.serialNumber === input.serialNumber ? 'serialNumber' : 'imei';
        throw new ConflictProblem(
          'device.duplicate',
          `A device with this ${field} is already in the inventory.`,
          { field },
        );
      }
      const now = this.clock.now();
      const device = manager.getRepository(Device).create({
        id: randomUUID(),
        ...input,
        status: 'available',
        createdAt: now,
        updatedAt: now,
      });
      await this.devices.insert(manager, device);
      await w.audited(DEVICE, device, 'device.register');
      return { ...device, version: 1 };
    });
  }

  async list(actor: Actor, query: DeviceQueryDto): Promise<Page<Device>> {
    const visible = actor.visibleJurisdictions(query.jurisdiction);
    if (visible && visible.length === 0)
      return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
    return this.devices.page(visible ?? null, query);
  }

  /** Devices per court and status: a third of the phones are kept in reserve for emergencies. */
  async stock(actor: Actor): Promise<DeviceStockDto[]> {
    const visible = actor.visibleJurisdictions();
    const rows = await this.devices.stock(visible ?? null);
    const byCourt = new Map<string, DeviceStockDto>();
    for (const row of rows) {
      const entry =
        byCourt.get(row.jurisdiction) ??
        ({
          jurisdiction: row.jurisdiction,
          counts: Object.fromEntries(DEVICE_STATUSES.map((s) => [s, 0])),
        } as DeviceStockDto);
      entry.counts[row.status] = row.count;
      byCourt.set(row.jurisdiction, entry);
    }
    return [...byCourt.values()];
  }

  get(actor: Actor, id: string): Promise<DeviceWithHistoryDto> {
    return this.work.run(actor, async (w) => {
      const device = await w.find(DEVICE, id, 'device.read');
      const assignments = await this.devices.assignmentsOf(w.manager, { deviceId: id });
      return { ...device, assignments };
    });
  }

  setStatus(actor: Actor, id: string, input: DeviceStatusDto): Promise<Device> {
    return this.work.change(
      actor,
      DEVICE,
      id,
      'device.status',
      (device) => {
        const refusal = manualStatusRefusal(device.status, input.status);
        if (refusal) throw ConflictProblem.of(refusal);
        const from = device.status;
        device.status = input.status;
        device.updatedAt = this.clock.now();
        return { from, to: input.status };
      },
      (device) => device,
    );
  }

  /** Hands an available device of the allocation's court over for the allocation. */
  async assign(
    manager: EntityManager,
    actor: Actor,
    allocation: { id: string; jurisdiction: string },
    deviceId: string,
  ): Promise<DeviceAssignment> {
    const device = await this.devices.locked(manager, deviceId);
    if (!device || !actor.canActIn(device.jurisdiction)) {
      throw ValidationProblem.field('deviceId', `no device ${deviceId} in your stock`);
    }
    if (device.jurisdiction !== allocation.jurisdiction) {
      throw new ConflictProblem(
        'device.other-stock',
        `Device ${device.serialNumber} belongs to the stock of ${device.jurisdiction}, not ${allocation.jurisdiction}.`,
      );
    }
    if (device.status !== 'available') {
      throw new ConflictProblem(
        'device.unavailable',
        `Device ${device.serialNumber} is ${device.status}, not available.`,
      );
    }
    const now = this.clock.now();
    const assignment = manager.getRepository(DeviceAssignment).create({
      id: randomUUID(),
      deviceId,
      allocationId: allocation.id,
      assignedAt: now,
      assignedBy: actor.subject,
      returnedAt: null,
      returnedBy: null,
      returnReason: null,
      returnCondition: null,
    });
    if (!(await this.devices.insertAssignment(manager, assignment)))
      throw new ConflictProblem(
        'device.already-handed-over',
        'The allocation already holds a device, or the device is already handed over.',
      );
    await this.devices.setStatus(manager, deviceId, 'assigned', now);
    await this.work
      .within(manager, actor)
      .audited(DEVICE, device, 'device.assign', { allocationId: allocation.id });
    return assignment;
  }

  /** Takes back the device of an allocation; its condition decides its next status. */
  async takeBack(
    manager: EntityManager,
    actor: Actor,
    allocationId: string,
    reason: 'returned' | 'swapped',
    condition: ReturnCondition,
  ): Promise<DeviceAssignment> {
    const assignment = await this.devices.heldBy(manager, allocationId);
    if (!assignment)
      throw new ConflictProblem('device.none-held', 'The allocation holds no device.');
    const now = this.clock.now();
    Object.assign(assignment, {
      returnedAt: now,
      returnedBy: actor.subject,
      returnReason: reason,
      returnCondition: condition,
    });
    await this.devices.saveAssignment(manager, assignment);
    await this.devices.setStatus(manager, assignment.deviceId, statusAfterReturn(condition), now);
    const device = await this.devices.byId(manager, assignment.deviceId);
    await this.work
      .within(manager, actor)
      .audited(DEVICE, device, 'device.return', { allocationId, reason, condition });
    return assignment;
  }

  assignmentsOf(manager: EntityManager, allocationId: string): Promise<DeviceAssignment[]> {
    return this.devices.assignmentsOf(manager, { allocationId });
  }
}
