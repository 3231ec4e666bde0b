import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Every event a device gateway posted, accepted or not, stored before the gateway gets its answer.
 * (gateway, event id) is unique: a retried post gets the stored answer, never a second event.
 */
@Entity('device_event')
@Index('device_event_gateway_event_key', ['gatewayId', 'eventId'], { unique: true })
@Index('device_event_device_idx', ['deviceId', 'occurredAt'])
@Index('device_event_rejected_idx', ['outcome', 'receivedAt'])
@Index('device_event_positions_idx', ['receivedAt'], { where: `"positions_erased_at" IS NULL` })
@Index('device_event_heard_idx', ['deviceId', 'receivedAt'], { where: `"outcome" = 'accepted'` })
export class DeviceEvent {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'gateway_id', type: 'varchar', length: 200 })
  gatewayId!: string;

  @Column({ name: 'event_id', type: 'varchar', length: 128 })
  eventId!: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  type!: string | null;

  @Column({ name: 'device_id', type: 'uuid', nullable: true })
  deviceId!: string | null;

  @Column({ name: 'allocation_id', type: 'uuid', nullable: true })
  allocationId!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  jurisdiction!: string | null;

  @Column({ name: 'alarm_id', type: 'uuid', nullable: true })
  alarmId!: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz', precision: 3, nullable: true })
  occurredAt!: Date | null;

  @Column({ name: 'received_at', type: 'timestamptz', precision: 3 })
  receivedAt!: Date;

  /** `accepted`, or `rejected` with the reason in `rejection`. */
  @Column({ type: 'varchar', length: 16 })
  outcome!: 'accepted' | 'rejected';

  @Column({ type: 'varchar', length: 64, nullable: true })
  rejection!: string | null;

  /** The event as posted (it carries locations): sealed. */
  @Column({ name: 'raw_sealed', type: 'text' })
  rawSealed!: string;

  /** When the position the body carried was erased from it (retention of positions). */
  @Column({ name: 'positions_erased_at', type: 'timestamptz', precision: 3, nullable: true })
  positionsErasedAt!: Date | null;

  /** The answer given, replayed for a retried post. */
  @Column({ name: 'response_status', type: 'smallint' })
  responseStatus!: number;

  @Column({ name: 'response_body', type: 'jsonb' })
  responseBody!: Record<string, unknown>;
}
