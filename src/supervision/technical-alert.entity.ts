import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

import type {
  TechnicalAlertKind,
  TechnicalAlertStatus,
  TechnicalResolution,
} from './domain/technical-alert';

/**
 * A technical alert on a supervised device: at most one unresolved per allocation and kind (a
 * second instance, a repeated report or a second scan never opens it twice).
 */
@Entity('technical_alert')
@Check(
  'technical_alert_kind_check',
  `"kind" IN ('silent', 'low_battery', 'power_off', 'test_failed', 'test_missed')`,
)
@Check('technical_alert_status_check', `"status" IN ('open', 'acknowledged', 'resolved')`)
@Index('technical_alert_open_key', ['allocationId', 'kind'], {
  unique: true,
  where: `"status" <> 'resolved'`,
})
@Index('technical_alert_queue_idx', ['jurisdiction', 'openedAt'], {
  where: `"status" <> 'resolved'`,
})
@Index('technical_alert_escalation_idx', ['nextEscalationAt'], { where: `"status" = 'open'` })
export class TechnicalAlert {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: TechnicalAlertKind;

  @Column({ type: 'varchar', length: 16 })
  status!: TechnicalAlertStatus;

  @Column({ name: 'allocation_id', type: 'uuid' })
  allocationId!: string;

  @Column({ name: 'device_id', type: 'uuid' })
  deviceId!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ type: 'varchar', length: 32 })
  jurisdiction!: string;

  @Column({ name: 'opened_at', type: 'timestamptz', precision: 3 })
  openedAt!: Date;

  /** The device event that opened it, or null when supervision's scan did. */
  @Column({ name: 'opened_by_event', type: 'uuid', nullable: true })
  openedByEvent!: string | null;

  @Column({ name: 'escalation_level', type: 'integer', default: 0 })
  escalationLevel!: number;

  @Column({ name: 'next_escalation_at', type: 'timestamptz', precision: 3, nullable: true })
  nextEscalationAt!: Date | null;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', precision: 3, nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ name: 'acknowledged_by', type: 'varchar', length: 200, nullable: true })
  acknowledgedBy!: string | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', precision: 3, nullable: true })
  resolvedAt!: Date | null;

  @Column({ name: 'resolved_by', type: 'varchar', length: 200, nullable: true })
  resolvedBy!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  resolution!: TechnicalResolution | null;

  /** What was done, in words (may name the victim): sealed. */
  @Column({ name: 'note_sealed', type: 'text', nullable: true })
  noteSealed!: string | null;
}
