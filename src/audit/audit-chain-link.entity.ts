import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The hash chain over the audit trail: one link per record, in the order the records were
 * committed. Append-only like the trail; tampering with a record, even by the tables' owner who
 * can lift the triggers, breaks the chain from that record on (`npm run audit:verify`).
 */
@Entity('audit_chain')
@Index('audit_chain_record_key', ['recordId'], { unique: true })
export class AuditChainLink {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  position!: string;

  @Column({ name: 'record_id', type: 'bigint' })
  recordId!: string;

  @Column({ type: 'char', length: 64 })
  hash!: string;
}
