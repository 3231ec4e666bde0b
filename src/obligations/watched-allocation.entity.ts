import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The obligations module's own view of the allocations it follows (fed by allocation events), so
 * that an assessment or an alarm finds the allocation of its case without reaching into another
 * module's tables.
 */
@Entity('obligation_allocation')
@Index('obligation_allocation_case_active_idx', ['caseId'], { where: `"active"` })
export class WatchedAllocation {
  @PrimaryColumn({ name: 'allocation_id', type: 'uuid' })
  allocationId!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ type: 'varchar', length: 32 })
  jurisdiction!: string;

  @Column({ name: 'ends_at', type: 'timestamptz', precision: 3 })
  endsAt!: Date;

  @Column({ type: 'boolean' })
  active!: boolean;
}
