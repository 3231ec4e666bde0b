import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

import type { NetworkKind } from './domain/network';

/**
 * A network of partners (réseau VIF, coordination départementale, plate-forme zonale) and the
 * jurisdictions it covers. Seeded from rules/networks/ (`seedHash`: the file's content last applied).
 */
@Entity('network')
@Check(
  'network_kind_check',
  `"kind" IN ('reseau_vif', 'coordination_departementale', 'plateforme_zonale')`,
)
export class Network {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: NetworkKind;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'varchar', length: 32, array: true })
  jurisdictions!: string[];

  /** Content hash of the seed entry last applied; null for a network added otherwise. */
  @Column({ name: 'seed_hash', type: 'varchar', length: 64, nullable: true })
  seedHash!: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
