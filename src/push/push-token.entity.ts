import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** An FCM registration token of an operator's device. */
@Entity('push_token')
@Index('push_token_operator_idx', ['operatorId'])
export class PushToken {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'operator_id', type: 'varchar', length: 200 })
  operatorId!: string;

  @Column({ type: 'varchar', length: 4096, unique: true })
  token!: string;

  @Column({ type: 'varchar', length: 16 })
  platform!: string;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
