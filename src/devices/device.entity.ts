import { Check, Column, Entity, Index, PrimaryColumn, VersionColumn } from 'typeorm';

import { DeviceStatus } from './domain/device';

/** A Grave Danger Phone of the inventory, held in stock by a court (jurisdiction). */
@Entity('device')
@Index('device_jurisdiction_status_idx', ['jurisdiction', 'status'])
@Check(
  'device_status_check',
  `"status" IN ('available', 'assigned', 'maintenance', 'lost', 'retired')`,
)
export class Device {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'serial_number', type: 'varchar', length: 64, unique: true })
  serialNumber!: string;

  @Column({ type: 'varchar', length: 15, unique: true })
  imei!: string;

  @Column({ name: 'phone_number', type: 'varchar', length: 16 })
  phoneNumber!: string;

  @Column({ type: 'varchar', length: 100 })
  model!: string;

  @Column({ type: 'varchar', length: 32 })
  jurisdiction!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: DeviceStatus;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;

  @VersionColumn()
  version!: number;
}
