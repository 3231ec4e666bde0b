import { Check, Column, Entity, Index, PrimaryColumn, VersionColumn } from 'typeorm';

import type { AgendaItem, MeetingKind, Participant } from './domain/concertation';

/**
 * A concertation meeting of a network (issue #17). Scoped by the jurisdiction it was scheduled in
 * (one the network covers). The agenda (pseudonymous references, levels, repeat flags, reasons) and
 * the participants (organisations) stay clear; the decisions are one sealed block (AES-256-GCM).
 */
@Entity('concertation_meeting')
@Index('concertation_meeting_jurisdiction_idx', ['jurisdiction', 'scheduledAt'])
@Check(
  'concertation_meeting_kind_check',
  `"kind" IN ('concertation_cell', 'partners_platform', 'risk_meeting')`,
)
export class ConcertationMeeting {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'network_id', type: 'varchar', length: 64 })
  networkId!: string;

  @Column({ name: 'network_name', type: 'varchar', length: 200 })
  networkName!: string;

  /** The network's jurisdictions when scheduled: the agenda's cases lie in them. */
  @Column({ name: 'network_jurisdictions', type: 'jsonb' })
  networkJurisdictions!: string[];

  @Column({ type: 'varchar', length: 32 })
  jurisdiction!: string;

  @Column({ type: 'varchar', length: 24 })
  kind!: MeetingKind;

  @Column({ name: 'scheduled_at', type: 'timestamptz', precision: 3 })
  scheduledAt!: Date;

  @Column({ name: 'coordinator_id', type: 'varchar', length: 200 })
  coordinatorId!: string;

  @Column({ name: 'coordinator_name', type: 'varchar', length: 200, nullable: true })
  coordinatorName!: string | null;

  @Column({ type: 'jsonb' })
  agenda!: AgendaItem[];

  /** Cases taken off the agenda by hand: proposing it again leaves them off. */
  @Column({ name: 'removed_case_ids', type: 'uuid', array: true, default: () => "'{}'" })
  removedCaseIds!: string[];

  @Column({ type: 'jsonb' })
  participants!: Participant[];

  @Column({ name: 'decisions_sealed', type: 'text' })
  decisionsSealed!: string;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;

  @VersionColumn()
  version!: number;
}
