import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A notification of an obligation's state change, to its responsible person. The unique key
 * (obligation, state) is what makes it once per change, whatever the number of instances.
 */
@Entity('obligation_notification')
@Index('obligation_notification_key', ['obligationId', 'state'], { unique: true })
@Index('obligation_notification_jurisdiction_idx', ['jurisdiction', 'createdAt'])
export class ObligationNotification {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'obligation_id', type: 'uuid' })
  obligationId!: string;

  @Column({ type: 'varchar', length: 10 })
  state!: string;

  @Column({ type: 'varchar', length: 16 })
  responsible!: string;

  @Column({ type: 'varchar', length: 32 })
  jurisdiction!: string;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
