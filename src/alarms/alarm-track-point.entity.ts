import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Where the victim's phone was, as the alarm went on. Coordinates are personal data: sealed. */
@Entity('alarm_track_point')
@Index('alarm_track_point_alarm_idx', ['alarmId', 'occurredAt'])
@Index('alarm_track_point_recorded_idx', ['recordedAt'])
export class AlarmTrackPoint {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'alarm_id', type: 'uuid' })
  alarmId!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz', precision: 3 })
  occurredAt!: Date;

  /** When the service received it: retention counts from here, not from the device's clock. */
  @Column({ name: 'recorded_at', type: 'timestamptz', precision: 3 })
  recordedAt!: Date;

  @Column({ name: 'position_sealed', type: 'text' })
  positionSealed!: string;
}
