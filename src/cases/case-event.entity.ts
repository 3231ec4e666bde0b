import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { CaseEventKind } from './domain/case-history';

/**
 * The life of a case after its intake (issue #17): incidents, closure decisions, reopenings,
 * transfers, children's follow-up and the author's track, in the order they happened. The free text (an incident's note, a transfer's or a
 * closure's reason) is sealed; `detail` holds codes and jurisdictions only, never personal data.
 */
@Entity('case_event')
@Index('case_event_case_idx', ['caseId', 'recordedAt'])
@Check(
  'case_event_kind_check',
  `"kind" IN ('incident', 'closed', 'reopened', 'transfer_requested', 'transfer_accepted', 'transfer_declined', 'child_follow_up', 'author_track')`,
)
export class CaseEvent {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne('CaseFile', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'case_event_case_fk' })
  caseFile?: never;

  @Column({ type: 'varchar', length: 24 })
  kind!: CaseEventKind;

  /** When it happened (an incident's date), as told. */
  @Column({ name: 'occurred_at', type: 'timestamptz', precision: 3 })
  occurredAt!: Date;

  /** When it was recorded. */
  @Column({ name: 'recorded_at', type: 'timestamptz', precision: 3 })
  recordedAt!: Date;

  @Column({ name: 'actor_id', type: 'varchar', length: 200 })
  actorId!: string;

  @Column({ name: 'actor_name', type: 'varchar', length: 200, nullable: true })
  actorName!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  detail!: Record<string, string | boolean | number | null>;

  @Column({ name: 'note_sealed', type: 'text', nullable: true })
  noteSealed!: string | null;
}
