import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

import { AuditDetail, AuditOutcome } from './domain/audit-detail';

/** One read or write of protected data: who, in which role, did what to which record, and how it ended. */
@Entity('audit_record')
@Index('audit_record_entity_idx', ['entityId', 'occurredAt'])
@Index('audit_record_actor_idx', ['actorId', 'occurredAt'])
@Index('audit_record_case_idx', ['caseId', 'occurredAt'])
@Index('audit_record_chain_idx', ['tx', 'id'])
export class AuditRecord {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz', precision: 3 })
  occurredAt!: Date;

  @Column({ name: 'actor_id', type: 'varchar', length: 200 })
  actorId!: string;

  /** Every role of the actor's token, comma-separated. */
  @Column({ name: 'actor_role', type: 'text' })
  actorRole!: string;

  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Column({ name: 'entity_type', type: 'varchar', length: 64 })
  entityType!: string;

  @Column({ name: 'entity_id', type: 'uuid', nullable: true })
  entityId!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  jurisdiction!: string | null;

  /** The writing transaction's id: the hash chain links records in commit order. */
  @Column({ type: 'bigint', nullable: true })
  tx!: string | null;

  /** The case the record is about, whatever the entity (decision, allocation, alarm…). */
  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId!: string | null;

  @Column({ name: 'request_id', type: 'varchar', length: 100, nullable: true })
  requestId!: string | null;

  @Column({ type: 'varchar', length: 16 })
  outcome!: AuditOutcome;

  /** Never personal data: field names, statuses, counts. */
  @Column({ type: 'jsonb', nullable: true })
  detail!: AuditDetail | null;
}
