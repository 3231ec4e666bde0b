import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

import type { CapacityUnit, PlaceKind } from './domain/housing';

/**
 * An emergency housing place of a network, managed by one of its housing partners. Its address is
 * sealed: a shelter's address is itself sensitive (see the README, "Emergency housing").
 */
@Entity('housing_place')
@Check('housing_place_kind_check', `"kind" IN ('emergency_flat', 'hotel_agreement', 'shelter')`)
@Check('housing_place_unit_check', `"capacity_unit" IN ('rooms', 'beds')`)
@Check('housing_place_capacity_check', `"capacity" > 0`)
@Index('housing_place_partner_idx', ['partnerId'])
@Index('housing_place_jurisdiction_idx', ['jurisdiction'])
export class HousingPlace {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** The managing partner organisation (network's directory id). */
  @Column({ name: 'partner_id', type: 'varchar', length: 64 })
  partnerId!: string;

  @Column({ name: 'network_id', type: 'varchar', length: 64 })
  networkId!: string;

  /** Where the place is: one of the jurisdictions its network covers. */
  @Column({ type: 'varchar', length: 32 })
  jurisdiction!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: PlaceKind;

  /** A label the network uses ("Appartement d'urgence 1"), never an address. */
  @Column({ type: 'varchar', length: 120 })
  name!: string;

  /** The municipality, for coordinators to choose near the victim's life (school, work). */
  @Column({ type: 'varchar', length: 100 })
  municipality!: string;

  @Column({ type: 'integer' })
  capacity!: number;

  @Column({ name: 'capacity_unit', type: 'varchar', length: 8 })
  capacityUnit!: CapacityUnit;

  /** A hotel agreement's nights per calendar year; null when unlimited. */
  @Column({ name: 'nights_per_year', type: 'integer', nullable: true })
  nightsPerYear!: number | null;

  /** The street address, sealed. */
  @Column({ name: 'address_sealed', type: 'text', nullable: true })
  addressSealed!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
