import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

import type { AlarmFeedEvent } from './alarm-feed';

/**
 * The alarm feed journal: one row per change a console shows, written in the change's own
 * transaction. `tx` is the writing transaction's id (`pg_current_xact_id()`): rows are read in
 * (tx, id) order once every older transaction has ended, so every instance reads them in one
 * order and misses none that commit late. Ids and levels only, nothing personal.
 */
@Entity('alarm_feed')
@Index('alarm_feed_order_idx', ['tx', 'id'])
@Index('alarm_feed_created_idx', ['createdAt'])
export class AlarmFeedEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'bigint' })
  tx!: string;

  @Column({ name: 'alarm_id', type: 'uuid' })
  alarmId!: string;

  @Column({ type: 'varchar', length: 32 })
  jurisdiction!: string;

  @Column({ type: 'jsonb' })
  event!: AlarmFeedEvent;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
