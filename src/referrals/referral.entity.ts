import { Check, Column, Entity, Index, PrimaryColumn, VersionColumn } from 'typeorm';

import type { ReferralStatus } from './domain/referral';

/**
 * A referral of a case to a partner organisation (issue #17). What identifies and scopes it stays
 * clear (case, jurisdiction, partner, service, status, dates); everything personal — the first name
 * and phone when ticked, the note, the decline reason, appointments, outcome and history — is one
 * sealed block (AES-256-GCM, like the case file).
 */
@Entity('referral')
@Index('referral_case_idx', ['caseId', 'sentAt'])
@Index('referral_partner_idx', ['partnerId', 'sentAt'])
@Check(
  'referral_status_check',
  `"status" IN ('sent', 'accepted', 'declined', 'closed', 'consent_withdrawn', 'case_closed')`,
)
export class Referral {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  /** The case's pseudonymous reference: what the partner quotes to the coordinator. */
  @Column({ name: 'case_reference', type: 'varchar', length: 40 })
  caseReference!: string;

  @Column({ type: 'varchar', length: 32 })
  jurisdiction!: string;

  /** The partner organisation's directory id (`cidff-82`), as partner tokens carry it. */
  @Column({ name: 'partner_id', type: 'varchar', length: 64 })
  partnerId!: string;

  /** Its name when referred (an organisation's name, not victim data). */
  @Column({ name: 'partner_name', type: 'varchar', length: 200 })
  partnerName!: string;

  @Column({ type: 'varchar', length: 32 })
  service!: string;

  @Column({ type: 'varchar', length: 20 })
  status!: ReferralStatus;

  @Column({ name: 'sent_at', type: 'timestamptz', precision: 3 })
  sentAt!: Date;

  @Column({ name: 'sent_by', type: 'varchar', length: 200 })
  sentBy!: string;

  @Column({ name: 'answered_at', type: 'timestamptz', precision: 3, nullable: true })
  answeredAt!: Date | null;

  @Column({ name: 'ended_at', type: 'timestamptz', precision: 3, nullable: true })
  endedAt!: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;

  @Column({ name: 'content_sealed', type: 'text' })
  contentSealed!: string;

  @VersionColumn()
  version!: number;
}
