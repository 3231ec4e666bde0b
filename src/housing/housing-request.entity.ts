import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

import type { RequestStatus, Urgency } from './domain/housing';

/**
 * A coordinator's request of an emergency place for a victim of a case and her children; on the
 * waiting list of the networks covering its jurisdiction until a housing partner allocates a place.
 * The victim's first name and the note are sealed; the partner sees no more of the case.
 */
@Entity('housing_request')
@Check(
  'housing_request_status_check',
  `"status" IN ('waiting', 'allocated', 'released', 'cancelled')`,
)
@Check('housing_request_urgency_check', `"urgency" IN ('immediate', 'within_days', 'planned')`)
@Check('housing_request_nights_check', `"nights" BETWEEN 1 AND 365`)
@Check('housing_request_children_check', `"children" BETWEEN 0 AND 20`)
@Check(
  'housing_request_allocated_check',
  `"status" IN ('waiting', 'cancelled') OR ("place_id" IS NOT NULL AND "stay_from" IS NOT NULL AND "stay_until" IS NOT NULL)`,
)
@Index('housing_request_waiting_idx', ['jurisdiction', 'urgencyRank', 'requestedAt'], {
  where: `"status" = 'waiting'`,
})
@Index('housing_request_place_idx', ['placeId', 'stayFrom'], {
  where: `"status" IN ('allocated', 'released')`,
})
@Index('housing_request_case_idx', ['caseId'])
export class HousingRequest {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  /** The case's pseudonymous reference, for the coordinator's lists. */
  @Column({ name: 'case_reference', type: 'varchar', length: 40 })
  caseReference!: string;

  @Column({ type: 'varchar', length: 32 })
  jurisdiction!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: RequestStatus;

  @Column({ type: 'varchar', length: 16 })
  urgency!: Urgency;

  /** 0 for immediate, 1 within days, 2 planned: the waiting list's order. */
  @Column({ name: 'urgency_rank', type: 'smallint' })
  urgencyRank!: number;

  /** The victim's first name (what the partner needs to welcome her), sealed. */
  @Column({ name: 'first_name_sealed', type: 'text' })
  firstNameSealed!: string;

  @Column({ type: 'smallint' })
  children!: number;

  /** Needs in words (mobility, pets, a child's age), sealed. */
  @Column({ name: 'note_sealed', type: 'text', nullable: true })
  noteSealed!: string | null;

  @Column({ name: 'wanted_from', type: 'date' })
  wantedFrom!: string;

  @Column({ type: 'smallint' })
  nights!: number;

  @Column({ name: 'coordinator_id', type: 'varchar', length: 200 })
  coordinatorId!: string;

  @Column({ name: 'coordinator_name', type: 'varchar', length: 200, nullable: true })
  coordinatorName!: string | null;

  /** How the partner reaches the coordinator (staff contact, not victim data). */
  @Column({ name: 'coordinator_phone', type: 'varchar', length: 16, nullable: true })
  coordinatorPhone!: string | null;

  @Column({ name: 'coordinator_email', type: 'varchar', length: 200, nullable: true })
  coordinatorEmail!: string | null;

  @Column({ name: 'requested_at', type: 'timestamptz', precision: 3 })
  requestedAt!: Date;

  @Column({ name: 'place_id', type: 'uuid', nullable: true })
  placeId!: string | null;

  @Column({ name: 'partner_id', type: 'varchar', length: 64, nullable: true })
  partnerId!: string | null;

  @Column({ name: 'stay_from', type: 'date', nullable: true })
  stayFrom!: string | null;

  /** The planned end, then the release date once released. */
  @Column({ name: 'stay_until', type: 'date', nullable: true })
  stayUntil!: string | null;

  /** Beds or rooms taken on the place. */
  @Column({ type: 'smallint', nullable: true })
  usage!: number | null;

  @Column({ name: 'allocated_at', type: 'timestamptz', precision: 3, nullable: true })
  allocatedAt!: Date | null;

  @Column({ name: 'allocated_by', type: 'varchar', length: 200, nullable: true })
  allocatedBy!: string | null;

  @Column({ name: 'released_at', type: 'timestamptz', precision: 3, nullable: true })
  releasedAt!: Date | null;

  @Column({ name: 'released_by', type: 'varchar', length: 200, nullable: true })
  releasedBy!: string | null;

  @Column({ name: 'nights_used', type: 'smallint', nullable: true })
  nightsUsed!: number | null;

  @Column({ name: 'cancelled_at', type: 'timestamptz', precision: 3, nullable: true })
  cancelledAt!: Date | null;

  @Column({ name: 'cancel_reason_sealed', type: 'text', nullable: true })
  cancelReasonSealed!: string | null;

  @Column({ type: 'integer', default: 1 })
  version!: number;
}
