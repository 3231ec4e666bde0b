import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

import { TgdAllocation } from './tgd-allocation.entity';

/** The history of an allocation: decision, renewals, device hand-overs and returns, end. */
@Entity('allocation_event')
@Index('allocation_event_allocation_idx', ['allocationId', 'occurredAt'])
export class AllocationEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'allocation_id', type: 'uuid' })
  allocationId!: string;

  @ManyToOne(() => TgdAllocation)
  @JoinColumn({ name: 'allocation_id', foreignKeyConstraintName: 'allocation_event_allocation_fk' })
  allocation?: never;

  @Column({ type: 'varchar', length: 32 })
  type!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz', precision: 3 })
  occurredAt!: Date;

  @Column({ name: 'actor_id', type: 'varchar', length: 200 })
  actorId!: string;

  /** Sealed: reasons can name people and circumstances. */
  @Column({ name: 'detail_sealed', type: 'text', nullable: true })
  detailSealed!: string | null;
}
