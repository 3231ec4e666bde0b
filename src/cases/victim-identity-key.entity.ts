import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { IdentityKeyKind } from './domain/identity-keys';

/**
 * Blind index of a case's victim (MARAC's repeat rule): the keyed HMAC-SHA-256 of a normalised
 * identity (last name with date of birth; phone in E.164), never the clear value. Without the key
 * (BLIND_INDEX_KEY) a dump tells only that two cases share a victim.
 */
@Entity('victim_identity_key')
@Index('victim_identity_key_digest_idx', ['digest'])
export class VictimIdentityKey {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne('CaseFile', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'victim_identity_key_case_fk' })
  caseFile?: never;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  kind!: IdentityKeyKind;

  @Column({ type: 'char', length: 64 })
  digest!: string;
}
