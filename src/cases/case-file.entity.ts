import { Check, Column, Entity, Index, PrimaryColumn, VersionColumn } from 'typeorm';

import { CaseStatus } from './domain/case-status';

/**
 * The victim file. Personal blocks (victim, author, children, closing note) are stored sealed with
 * AES-256-GCM (GDPR art. 9 and 10 data, brief §4): a database dump alone reveals none of them.
 * Jurisdiction, status and dates stay clear so access can be scoped and lists filtered.
 */
@Entity('case_file')
@Index('case_file_jurisdiction_status_idx', ['jurisdiction', 'status', 'createdAt'])
@Check('case_file_status_check', `"status" IN ('open', 'enrolled', 'closed')`)
export class CaseFile {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** Pseudonymous reference, safe to quote in logs, pushes and reports. */
  @Column({ type: 'varchar', length: 40, unique: true })
  reference!: string;

  @Column({ type: 'varchar', length: 32 })
  jurisdiction!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: CaseStatus;

  @Column({ name: 'coordinator_id', type: 'varchar', length: 200 })
  coordinatorId!: string;

  /** The coordinator's display name when their token gave one (staff, not victim data: clear). */
  @Column({ name: 'coordinator_name', type: 'varchar', length: 200, nullable: true })
  coordinatorName!: string | null;

  @Column({ name: 'victim_sealed', type: 'text' })
  victimSealed!: string;

  @Column({ name: 'author_sealed', type: 'text', nullable: true })
  authorSealed!: string | null;

  @Column({ name: 'children_sealed', type: 'text' })
  childrenSealed!: string;

  @Column({ name: 'close_reason_sealed', type: 'text', nullable: true })
  closeReasonSealed!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', precision: 3, nullable: true })
  closedAt!: Date | null;

  @VersionColumn()
  version!: number;
}
