import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Every attempt to send a delivery, with its outcome: the audit trail of the push channel. */
@Entity('push_attempt')
@Index('push_attempt_delivery_idx', ['deliveryId', 'attemptedAt'])
export class PushAttempt {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'delivery_id', type: 'uuid' })
  deliveryId!: string;

  @Column({ name: 'attempted_at', type: 'timestamptz', precision: 3 })
  attemptedAt!: Date;

  @Column({ name: 'duration_ms', type: 'integer' })
  durationMs!: number;

  /** `sent`, `unregistered`, `retry`. */
  @Column({ type: 'varchar', length: 16 })
  outcome!: string;

  @Column({ name: 'error_code', type: 'varchar', length: 100, nullable: true })
  errorCode!: string | null;

  @Column({ name: 'message_id', type: 'varchar', length: 200, nullable: true })
  messageId!: string | null;
}
