import { Check, Column, Entity, Index, PrimaryColumn, VersionColumn } from 'typeorm';

import type { ActionStatus } from './domain/concertation';

/**
 * An action decided in a concertation meeting on an agenda case, assigned to a partner
 * organisation with a deadline (issue #17). What scopes it stays clear (meeting, case, partner,
 * deadline, status); what is to be done is sealed.
 */
@Entity('concertation_action')
@Index('concertation_action_meeting_idx', ['meetingId', 'createdAt'])
@Index('concertation_action_partner_idx', ['partnerId', 'dueAt'])
@Check('concertation_action_status_check', `"status" IN ('open', 'done', 'cancelled')`)
export class ConcertationAction {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'case_reference', type: 'varchar', length: 40 })
  caseReference!: string;

  /** The case's jurisdiction. */
  @Column({ type: 'varchar', length: 32 })
  jurisdiction!: string;

  @Column({ name: 'partner_id', type: 'varchar', length: 64 })
  partnerId!: string;

  @Column({ name: 'partner_name', type: 'varchar', length: 200 })
  partnerName!: string;

  @Column({ name: 'due_at', type: 'timestamptz', precision: 3 })
  dueAt!: Date;

  /** cancelled: the case was closed while the action was open (it leaves the lists). */
  @Column({ type: 'varchar', length: 16 })
  status!: ActionStatus;

  @Column({ name: 'description_sealed', type: 'text' })
  descriptionSealed!: string;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'created_by', type: 'varchar', length: 200 })
  createdBy!: string;

  @Column({ name: 'done_at', type: 'timestamptz', precision: 3, nullable: true })
  doneAt!: Date | null;

  @Column({ name: 'done_by', type: 'varchar', length: 200, nullable: true })
  doneBy!: string | null;

  @VersionColumn()
  version!: number;
}
