import { Check, Column, Entity, Index, PrimaryColumn, VersionColumn } from 'typeorm';

import { CaseStatus } from './domain/case-status';
import { ClosureReason } from './domain/closure';
import { IntakeChannel } from './domain/intake';

/**
 * The victim file. Personal blocks (victim, author, children, closing note) are stored sealed with
 * AES-256-GCM (GDPR art. 9 and 10 data, brief §4): a database dump alone reveals none of them.
 * Jurisdiction, status and dates stay clear so access can be scoped and lists filtered.
 */
@Entity('case_file')
@Index('case_file_jurisdiction_status_idx', ['jurisdiction', 'status', 'createdAt'])
@Index('case_file_transfer_to_idx', ['transferTo'], { where: '"transfer_to" IS NOT NULL' })
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

  /** The closure decision's reason code; null for cases closed before issue #17 and open ones. */
  @Column({ name: 'close_reason_code', type: 'varchar', length: 40, nullable: true })
  closeReasonCode!: ClosureReason | null;

  /** How the case came in; null (unknown) for cases opened before issue #17 or without it. */
  @Column({ name: 'intake_channel', type: 'varchar', length: 24, nullable: true })
  intakeChannel!: IntakeChannel | null;

  @Column({ name: 'intake_partner_id', type: 'varchar', length: 64, nullable: true })
  intakePartnerId!: string | null;

  @Column({ name: 'intake_received_at', type: 'timestamptz', precision: 3, nullable: true })
  intakeReceivedAt!: Date | null;

  @Column({ name: 'intake_taken_by_id', type: 'varchar', length: 200, nullable: true })
  intakeTakenById!: string | null;

  @Column({ name: 'intake_taken_by_name', type: 'varchar', length: 200, nullable: true })
  intakeTakenByName!: string | null;

  /** The latest time the network heard of this victim in this case: intake or incident. */
  @Column({ name: 'last_known_at', type: 'timestamptz', precision: 3 })
  lastKnownAt!: Date;

  /** Other cases of the same victim known within 12 months, found by blind index when last recorded. */
  @Column({ name: 'repeat_case_ids', type: 'uuid', array: true, default: () => "'{}'" })
  repeatCaseIds!: string[];

  @Column({ name: 'repeat_checked_at', type: 'timestamptz', precision: 3, nullable: true })
  repeatCheckedAt!: Date | null;

  /** The fingerprint of the blind-index key its identity keys were computed with (null: none yet). */
  @Column({ name: 'identity_keyed_with', type: 'varchar', length: 16, nullable: true })
  identityKeyedWith!: string | null;

  /** A transfer awaiting the target jurisdiction's coordination, if any. */
  @Column({ name: 'transfer_to', type: 'varchar', length: 32, nullable: true })
  transferTo!: string | null;

  @Column({ name: 'transfer_requested_at', type: 'timestamptz', precision: 3, nullable: true })
  transferRequestedAt!: Date | null;

  @Column({ name: 'transfer_requested_by', type: 'varchar', length: 200, nullable: true })
  transferRequestedBy!: string | null;

  @Column({ name: 'transfer_reason_sealed', type: 'text', nullable: true })
  transferReasonSealed!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', precision: 3, nullable: true })
  closedAt!: Date | null;

  @VersionColumn()
  version!: number;
}
