import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A device in a victim's hands, as supervision follows it: when it was last heard from and last
 * tested. One per allocation (an allocation holds one device at a time; a swap replaces it).
 */
@Entity('device_supervision')
@Index('device_supervision_device_key', ['deviceId'], { unique: true })
@Index('device_supervision_heard_idx', ['lastHeardAt'])
export class DeviceSupervision {
  @PrimaryColumn({ name: 'allocation_id', type: 'uuid' })
  allocationId!: string;

  @Column({ name: 'device_id', type: 'uuid' })
  deviceId!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ type: 'varchar', length: 32 })
  jurisdiction!: string;

  @Column({ name: 'supervised_since', type: 'timestamptz', precision: 3 })
  supervisedSince!: Date;

  @Column({ name: 'last_heard_at', type: 'timestamptz', precision: 3 })
  lastHeardAt!: Date;

  @Column({ name: 'last_tested_at', type: 'timestamptz', precision: 3 })
  lastTestedAt!: Date;
}
