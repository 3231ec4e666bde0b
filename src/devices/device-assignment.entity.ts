import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { Device } from './device.entity';

/**
 * A device in a victim's hands for an allocation, from hand-over to return. The partial unique
 * indexes are the guarantee: one unreturned device per allocation, one unreturned allocation per
 * device, whatever two concurrent requests attempt.
 */
@Entity('device_assignment')
@Index('device_assignment_device_active_key', ['deviceId'], {
  unique: true,
  where: '"returned_at" IS NULL',
})
@Index('device_assignment_allocation_active_key', ['allocationId'], {
  unique: true,
  where: '"returned_at" IS NULL',
})
@Index('device_assignment_allocation_idx', ['allocationId', 'assignedAt'])
@Index('device_assignment_device_idx', ['deviceId', 'assignedAt'])
export class DeviceAssignment {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'device_id', type: 'uuid' })
  deviceId!: string;

  @ManyToOne(() => Device)
  @JoinColumn({ name: 'device_id', foreignKeyConstraintName: 'device_assignment_device_fk' })
  device?: never;

  /** The allocation; the allocations module owns that table and drives assignments. */
  @Column({ name: 'allocation_id', type: 'uuid' })
  allocationId!: string;

  @ManyToOne('TgdAllocation')
  @JoinColumn({
    name: 'allocation_id',
    foreignKeyConstraintName: 'device_assignment_allocation_fk',
  })
  allocation?: never;

  @Column({ name: 'assigned_at', type: 'timestamptz', precision: 3 })
  assignedAt!: Date;

  @Column({ name: 'assigned_by', type: 'varchar', length: 200 })
  assignedBy!: string;

  @Column({ name: 'returned_at', type: 'timestamptz', precision: 3, nullable: true })
  returnedAt!: Date | null;

  @Column({ name: 'returned_by', type: 'varchar', length: 200, nullable: true })
  returnedBy!: string | null;

  /** `returned`, `swapped`, … and the condition it came back in. */
  @Column({ name: 'return_reason', type: 'varchar', length: 32, nullable: true })
  returnReason!: string | null;

  @Column({ name: 'return_condition', type: 'varchar', length: 16, nullable: true })
  returnCondition!: string | null;
}
