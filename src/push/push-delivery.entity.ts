import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The outbox: one push of one alarm step, or of one obligation notification, to one phone. Written in the alarm's own
 * transaction, claimed with FOR UPDATE SKIP LOCKED, retried with backoff; its unique key (alarm,
 * step, token) means a retry or a second instance never creates a second delivery.
 */
@Entity('push_delivery')
@Index('push_delivery_key', ['alarmId', 'escalationLevel', 'token'], { unique: true })
@Index('push_delivery_due_idx', ['nextAttemptAt'], { where: `"status" = 'pending'` })
@Index('push_delivery_notification_key', ['notificationId', 'token'], { unique: true })
@Check('push_delivery_subject_check', `("alarm_id" IS NULL) <> ("notification_id" IS NULL)`)
@Check('push_delivery_status_check', `"status" IN ('pending', 'sent', 'dropped', 'cancelled')`)
export class PushDelivery {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'alarm_id', type: 'uuid', nullable: true })
  alarmId!: string | null;

  /** An obligation_notification: a follow-up obligation fell due or overdue. */
  @Column({ name: 'notification_id', type: 'uuid', nullable: true })
  notificationId!: string | null;

  @Column({ name: 'escalation_level', type: 'smallint' })
  escalationLevel!: number;

  @Column({ name: 'operator_id', type: 'varchar', length: 200 })
  operatorId!: string;

  @Column({ type: 'varchar', length: 4096 })
  token!: string;

  /** The data payload: no victim name, no address (brief §4). */
  @Column({ type: 'jsonb' })
  payload!: Record<string, string>;

  @Column({ type: 'varchar', length: 16 })
  status!: 'pending' | 'sent' | 'dropped' | 'cancelled';

  @Column({ type: 'smallint', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', precision: 3 })
  nextAttemptAt!: Date;

  /** While set and ahead, an instance holds this push in hand (renewed while its send is in flight). */
  @Column({ name: 'lease_until', type: 'timestamptz', precision: 3, nullable: true })
  leaseUntil!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', precision: 3, nullable: true })
  sentAt!: Date | null;

  @Column({ name: 'last_error', type: 'varchar', length: 200, nullable: true })
  lastError!: string | null;
}
