import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An FCM registration token of a staff member's phone: operators get alarms, coordinators and
 * prosecutors the follow-up obligations they answer for, a partner's staff what is referred or
 * assigned to their organisation. Roles, jurisdictions and partner organisation are those of the
 * token (JWT) the phone was registered with, renewed at each registration.
 */
@Entity('push_token')
@Index('push_token_operator_idx', ['operatorId'])
export class PushToken {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** The staff member's subject (the column predates coordinators' phones). */
  @Column({ name: 'operator_id', type: 'varchar', length: 200 })
  operatorId!: string;

  @Column({ type: 'varchar', length: 4096, unique: true })
  token!: string;

  @Column({ type: 'varchar', length: 16 })
  platform!: string;

  @Column({ type: 'text', array: true, default: () => "'{operator}'" })
  roles!: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  jurisdictions!: string[];

  /** The partner organisation of a partner's staff (null for the service's own staff). */
  @Column({ name: 'partner_id', type: 'varchar', length: 64, nullable: true })
  partnerId!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
