import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

import type { Completion, Responsible } from './domain/obligation-templates';

export type ObligationStatus = 'open' | 'completed' | 'waived' | 'cancelled';
export type ObligationState = 'upcoming' | 'due' | 'overdue';

/**
 * One follow-up obligation of an enrolled victim, from a template. Its unique key (allocation,
 * template, source, sequence) makes a repeated trigger harmless; an obligation of a case without
 * an allocation (following a partner up after a referral) has its own (case, template, source,
 * sequence). The scheduler moves open ones from
 * upcoming to due to overdue; the partial indexes keep that scan and the worklist on open rows only.
 */
@Entity('follow_up_obligation')
@Index('follow_up_obligation_key', ['allocationId', 'templateId', 'sourceId', 'sequence'], {
  unique: true,
})
@Index('follow_up_obligation_case_key', ['caseId', 'templateId', 'sourceId', 'sequence'], {
  unique: true,
  where: `"allocation_id" IS NULL`,
})
@Index('follow_up_obligation_becoming_due_idx', ['dueFrom'], {
  where: `"status" = 'open' AND "state" = 'upcoming'`,
})
@Index('follow_up_obligation_becoming_overdue_idx', ['dueAt'], {
  where: `"status" = 'open' AND "state" <> 'overdue'`,
})
@Index('follow_up_obligation_worklist_idx', ['jurisdiction', 'dueAt'], {
  where: `"status" = 'open'`,
})
@Index('follow_up_obligation_case_idx', ['caseId', 'dueAt'])
@Check(
  'follow_up_obligation_status_check',
  `"status" IN ('open', 'completed', 'waived', 'cancelled')`,
)
@Check('follow_up_obligation_state_check', `"state" IN ('upcoming', 'due', 'overdue')`)
export class FollowUpObligation {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  /** The TGD allocation it follows; null for an obligation of the case alone (a referral's). */
  @Column({ name: 'allocation_id', type: 'uuid', nullable: true })
  allocationId!: string | null;

  @Column({ type: 'varchar', length: 32 })
  jurisdiction!: string;

  @Column({ name: 'template_id', type: 'varchar', length: 100 })
  templateId!: string;

  /** The templates file and its version, as loaded when the obligation was created. */
  @Column({ name: 'template_version', type: 'varchar', length: 200 })
  templateVersion!: string;

  @Column({ name: 'source_id', type: 'varchar', length: 64 })
  sourceId!: string;

  @Column({ type: 'integer' })
  sequence!: number;

  @Column({ type: 'varchar', length: 16 })
  responsible!: Responsible;

  @Column({ name: 'completed_by', type: 'varchar', length: 20 })
  completedBy!: Completion;

  @Column({ name: 'due_from', type: 'timestamptz', precision: 3 })
  dueFrom!: Date;

  @Column({ name: 'due_at', type: 'timestamptz', precision: 3 })
  dueAt!: Date;

  @Column({ type: 'varchar', length: 10 })
  state!: ObligationState;

  @Column({ type: 'varchar', length: 10 })
  status!: ObligationStatus;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', precision: 3, nullable: true })
  closedAt!: Date | null;

  /** Who closed it: a user, or `system:<event>` for an event of the service. */
  @Column({ name: 'closed_by', type: 'varchar', length: 200, nullable: true })
  closedBy!: string | null;

  /** The completion note or waiver reason: may name people, so sealed like the case file. */
  @Column({ name: 'note_sealed', type: 'text', nullable: true })
  noteSealed!: string | null;
}
