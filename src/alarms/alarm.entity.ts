import { Check, Column, Entity, Index, PrimaryColumn, VersionColumn } from 'typeorm';

import { AlarmStatus } from './domain/alarm-lifecycle';

/**
 * A distress alarm of a Grave Danger Phone, from receipt to resolution. Every time is kept to the
 * millisecond (BS 8484 style response statistics). The escalation deadline lives here, not in a
 * timer, so a restart or a second instance misses none. One unresolved alarm per allocation.
 */
@Entity('alarm')
@Index('alarm_allocation_unresolved_key', ['allocationId'], {
  unique: true,
  where: `"status" <> 'resolved'`,
})
@Index('alarm_escalation_due_idx', ['nextEscalationAt'], { where: `"status" = 'open'` })
@Index('alarm_jurisdiction_status_idx', ['jurisdiction', 'status', 'receivedAt'])
@Check('alarm_status_check', `"status" IN ('open', 'acknowledged', 'resolved')`)
export class Alarm {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'allocation_id', type: 'uuid' })
  allocationId!: string;

  @Column({ name: 'device_id', type: 'uuid' })
  deviceId!: string;

  @Column({ type: 'varchar', length: 32 })
  jurisdiction!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: AlarmStatus;

  @Column({ name: 'opened_by_event', type: 'uuid' })
  openedByEvent!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz', precision: 3 })
  occurredAt!: Date;

  @Column({ name: 'received_at', type: 'timestamptz', precision: 3 })
  receivedAt!: Date;

  @Column({ name: 'first_pushed_at', type: 'timestamptz', precision: 3, nullable: true })
  firstPushedAt!: Date | null;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', precision: 3, nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ name: 'acknowledged_by', type: 'varchar', length: 200, nullable: true })
  acknowledgedBy!: string | null;

  @Column({ name: 'police_called_at', type: 'timestamptz', precision: 3, nullable: true })
  policeCalledAt!: Date | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', precision: 3, nullable: true })
  resolvedAt!: Date | null;

  @Column({ name: 'resolved_by', type: 'varchar', length: 200, nullable: true })
  resolvedBy!: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  outcome!: string | null;

  /** Call-out and resolution notes: sealed. */
  @Column({ name: 'notes_sealed', type: 'text', nullable: true })
  notesSealed!: string | null;

  @Column({ name: 'escalation_level', type: 'smallint', default: 0 })
  escalationLevel!: number;

  @Column({ name: 'next_escalation_at', type: 'timestamptz', precision: 3, nullable: true })
  nextEscalationAt!: Date | null;

  /** Danger level in force when the alarm opened, for the push and the console. */
  @Column({ name: 'danger_level', type: 'varchar', length: 64, nullable: true })
  dangerLevel!: string | null;

  @Column({ name: 'case_reference', type: 'varchar', length: 40 })
  caseReference!: string;

  /** The prosecutor's authorisation to keep the track 8 days instead of 3 (arrêté of 22 April 2015, art. 5). */
  @Column({ name: 'track_kept_at', type: 'timestamptz', precision: 3, nullable: true })
  trackKeptAt!: Date | null;

  @Column({ name: 'track_kept_by', type: 'varchar', length: 200, nullable: true })
  trackKeptBy!: string | null;

  /** The device was returned: nothing of its track stays past this (3 days after the return). */
  @Column({ name: 'track_erase_by', type: 'timestamptz', precision: 3, nullable: true })
  trackEraseBy!: Date | null;

  @VersionColumn()
  version!: number;
}
