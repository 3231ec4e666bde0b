import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import type { ContactPoint, PartnerKind, PartnerService, Referent } from './domain/network';
import { Network } from './network.entity';

/**
 * A partner organisation, member of one network. Staff contact data in clear (not victim data).
 * `edited`: changed through the API, so the seed files no longer overwrite it; `source`: where it
 * was created (a seed file or the API), and seeding never deletes either.
 */
@Entity('partner')
@Check('partner_source_check', `"source" IN ('seed', 'api')`)
@Index('partner_network_idx', ['networkId'])
export class Partner {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ name: 'network_id', type: 'varchar', length: 64 })
  networkId!: string;

  @ManyToOne(() => Network)
  @JoinColumn({ name: 'network_id', foreignKeyConstraintName: 'partner_network_fk' })
  network?: never;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: PartnerKind;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'varchar', length: 32, array: true })
  services!: PartnerService[];

  @Column({ type: 'varchar', length: 100, array: true })
  municipalities!: string[];

  @Column({ name: 'postal_codes', type: 'varchar', length: 16, array: true })
  postalCodes!: string[];

  /** Municipalities, postal codes and referents' municipalities as `placeKey` gives them: the place search. */
  @Column({ name: 'place_keys', type: 'varchar', length: 100, array: true })
  placeKeys!: string[];

  @Column({ type: 'jsonb' })
  contacts!: ContactPoint[];

  @Column({ type: 'jsonb' })
  referents!: Referent[];

  @Column({ type: 'boolean' })
  active!: boolean;

  @Column({ type: 'varchar', length: 8 })
  source!: 'seed' | 'api';

  @Column({ type: 'boolean', default: false })
  edited!: boolean;

  @Column({ name: 'seed_hash', type: 'varchar', length: 64, nullable: true })
  seedHash!: string | null;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  @Column({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;

  @Column({ name: 'updated_by', type: 'varchar', length: 200 })
  updatedBy!: string;
}
