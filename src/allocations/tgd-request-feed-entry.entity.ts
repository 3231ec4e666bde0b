import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

import type { TgdRequestFeedEvent } from './tgd-request-feed';

/**
 * The TGD requests' live journal: one row per request filed or decided, written in that
 * transaction and read in (tx, id) order like the alarm feed. Ids and references only.
 */
@Entity('tgd_request_feed')
@Index('tgd_request_feed_order_idx', ['tx', 'id'])
@Index('tgd_request_feed_created_idx', ['createdAt'])
export class TgdRequestFeedEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'bigint' })
  tx!: string;

  @Column({ name: 'request_id', type: 'uuid' })
  requestId!: string;

  @Column({ type: 'varchar', length: 32 })
  jurisdiction!: string;

  @Column({ type: 'jsonb' })
  event!: TgdRequestFeedEvent;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
