import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull, QueryFailedError } from 'typeorm';

import { Page } from '../common/dto/page';
import { Device } from './device.entity';
import { DeviceAssignment } from './device-assignment.entity';
import { DeviceStatus } from './domain/device';

/** The one place the devices' tables (device, device_assignment) are written and queried. */
@Injectable()
export class DevicesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** A device already registered with this serial number or IMEI. */
  clash(manager: EntityManager, serialNumber: string, imei: string): Promise<Device | null> {
    return manager.getRepository(Device).findOne({ where: [{ serialNumber }, { imei }] });
  }

  async insert(manager: EntityManager, device: Device): Promise<void> {
    await manager.insert(Device, device);
  }

  async page(
    visible: readonly string[] | null,
    query: { status?: DeviceStatus; page: number; pageSize: number },
  ): Promise<Page<Device>> {
    const [items, total] = await this.db.getRepository(Device).findAndCount({
      where: {
        ...(visible ? { jurisdiction: In([...visible]) } : {}),
        ...(query.status ? { status: query.status } : {}),
      },
      order: { jurisdiction: 'ASC', serialNumber: 'ASC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  /** Devices per court and status, of some jurisdictions (all: null). */
  stock(
    visible: readonly string[] | null,
  ): Promise<Array<{ jurisdiction: string; status: DeviceStatus; count: number }>> {
    return this.db
      .getRepository(Device)
      .createQueryBuilder('d')
      .select('d.jurisdiction', 'jurisdiction')
      .addSelect('d.status', 'status')
      .addSelect('count(*)::int', 'count')
      .where(visible ? 'd.jurisdiction IN (:...visible)' : 'true', {
        visible: visible?.length ? visible : [''],
      })
      .groupBy('d.jurisdiction')
      .addGroupBy('d.status')
      .orderBy('d.jurisdiction')
      .getRawMany();
  }

  /** The device, locked for the hand-over. */
  locked(manager: EntityManager, id: string): Promise<Device | null> {
    return manager
      .getRepository(Device)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  byId(manager: EntityManager, id: string): Promise<Device> {
    return manager.getRepository(Device).findOneByOrFail({ id });
  }

  async setStatus(manager: EntityManager, id: string, status: DeviceStatus, at: Date) {
    await manager.update(Device, { id }, { status, updatedAt: at, version: () => 'version + 1' });
  }

  /**
   * Records a hand-over; false when the partial unique indexes refuse it (the allocation already
   * holds a device, or the device is already handed over).
   */
  async insertAssignment(manager: EntityManager, assignment: DeviceAssignment): Promise<boolean> {
    try {
      await manager.insert(DeviceAssignment, assignment);
      return true;
    } catch (error) {
      if (error instanceof QueryFailedError && (error as { code?: string }).code === '23505')
        return false;
      throw error;
    }
  }

  /** The device an allocation holds now, locked. */
  heldBy(manager: EntityManager, allocationId: string): Promise<DeviceAssignment | null> {
    return manager.getRepository(DeviceAssignment).findOne({
      where: { allocationId, returnedAt: IsNull() },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async saveAssignment(manager: EntityManager, assignment: DeviceAssignment): Promise<void> {
    await manager.save(assignment);
  }

  assignmentsOf(manager: EntityManager, by: { allocationId: string } | { deviceId: string }) {
    return manager
      .getRepository(DeviceAssignment)
      .find({ where: by, order: { assignedAt: 'DESC' } });
  }
}
