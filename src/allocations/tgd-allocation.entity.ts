import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  VersionColumn,
} from 'typeorm';

import { AllocationStatus } from './domain/lifecycle';
import { TgdRequest } from './tgd-request.entity';

/** A Grave Danger Phone allocated by the prosecutor: six months, renewable (CPP art. 41-3-1). */
@Entity('tgd_allocation')
@Index('tgd_allocation_case_active_key', ['caseId'], { unique: true, where: `"status" = 'active'` })
@Index('tgd_allocation_jurisdiction_idx', ['jurisdiction', 'status', 'endsAt'])
@Check('tgd_allocation_status_check', `"status" IN ('active', 'ended')`)
export class TgdAllocation {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne('CaseFile')
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'tgd_allocation_case_fk' })
  caseFile?: never;

  @Column({ type: 'varchar', length: 32 })
  jurisdiction!: string;

  @Column({ name: 'request_id', type: 'uuid', unique: true })
  requestId!: string;

  @ManyToOne(() => TgdRequest)
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'tgd_allocation_request_fk' })
  request?: never;

  @Column({ type: 'varchar', length: 16 })
  status!: AllocationStatus;

  @Column({ name: 'starts_at', type: 'timestamptz', precision: 3 })
  startsAt!: Date;

  @Column({ name: 'ends_at', type: 'timestamptz', precision: 3 })
  endsAt!: Date;

  @Column({ type: 'smallint', default: 0 })
  renewals!: number;

  @Column({ name: 'ended_at', type: 'timestamptz', precision: 3, nullable: true })
  endedAt!: Date | null;

  @Column({ name: 'end_reason', type: 'varchar', length: 32, nullable: true })
  endReason!: string | null;

  @VersionColumn()
  version!: number;
}
