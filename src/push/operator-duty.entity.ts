import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An operator of the monitoring platform: on duty or not, and the jurisdictions they watch. */
@Entity('operator_duty')
export class OperatorDuty {
  @PrimaryColumn({ name: 'operator_id', type: 'varchar', length: 200 })
  operatorId!: string;

  @Column({ name: 'on_duty', type: 'boolean' })
  onDuty!: boolean;

  @Column({ type: 'boolean', default: false })
  supervisor!: boolean;

  /** From the operator's token when they went on duty; `*` for all. */
  @Column({ type: 'text', array: true })
  jurisdictions!: string[];

  @Column({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
