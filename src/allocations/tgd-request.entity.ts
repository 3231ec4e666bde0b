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

import { RequestStatus } from './domain/lifecycle';

/** A coordinator's request to the prosecutor for a Grave Danger Phone, and its decision. */
@Entity('tgd_request')
@Index('tgd_request_case_idx', ['caseId', 'filedAt'])
@Index('tgd_request_pending_key', ['caseId'], { unique: true, where: `"status" = 'pending'` })
@Check('tgd_request_status_check', `"status" IN ('pending', 'approved', 'rejected')`)
export class TgdRequest {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne('CaseFile')
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'tgd_request_case_fk' })
  caseFile?: never;

  @Column({ type: 'varchar', length: 32 })
  jurisdiction!: string;

  @Column({ name: 'assessment_id', type: 'uuid' })
  assessmentId!: string;

  @ManyToOne('Assessment')
  @JoinColumn({ name: 'assessment_id', foreignKeyConstraintName: 'tgd_request_assessment_fk' })
  assessment?: never;

  @Column({ type: 'varchar', length: 16 })
  status!: RequestStatus;

  @Column({ name: 'filed_by', type: 'varchar', length: 200 })
  filedBy!: string;

  /** The coordinator's name when their sign-in gave one: printed documents name them. */
  @Column({ name: 'filed_by_name', type: 'varchar', length: 200, nullable: true })
  filedByName!: string | null;

  @Column({ name: 'filed_at', type: 'timestamptz', precision: 3 })
  filedAt!: Date;

  /** When the victim's consent was recorded, as filed (CPP art. 41-3-1: express consent). */
  @Column({ name: 'consent_recorded_at', type: 'timestamptz', precision: 3 })
  consentRecordedAt!: Date;

  @Column({ name: 'note_sealed', type: 'text', nullable: true })
  noteSealed!: string | null;

  @Column({ name: 'decided_by', type: 'varchar', length: 200, nullable: true })
  decidedBy!: string | null;

  /** The prosecutor's name when their sign-in gave one: the decision is signed by name. */
  @Column({ name: 'decided_by_name', type: 'varchar', length: 200, nullable: true })
  decidedByName!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', precision: 3, nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'decision_reasons_sealed', type: 'text', nullable: true })
  decisionReasonsSealed!: string | null;

  @Column({ name: 'allocation_id', type: 'uuid', nullable: true })
  allocationId!: string | null;

  @VersionColumn()
  version!: number;
}
