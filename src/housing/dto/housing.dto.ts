import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

import {
  BooleanField,
  DateField,
  EnumField,
  IntField,
  JurisdictionField,
  PatternField,
  PhoneField,
  TextField,
} from '../../common/dto/fields';
import { PageQuery } from '../../common/dto/page';
import {
  CAPACITY_UNITS,
  type CapacityUnit,
  PLACE_KINDS,
  type PlaceKind,
  REQUEST_STATUSES,
  type RequestStatus,
  URGENCIES,
  type Urgency,
} from '../domain/housing';

const DIRECTORY_ID = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function PartnerIdField(options: { optional?: boolean; description?: string } = {}) {
  return PatternField({
    pattern: DIRECTORY_ID,
    max: 64,
    message: 'must be a directory id such as logis-82',
    example: 'logis-82',
    ...options,
  });
}

export class CreatePlaceDto {
  @PartnerIdField({
    optional: true,
    description:
      "The housing partner organisation that manages the place. An admin must name it; a partner's staff may leave it out (their own organisation) and may name no other.",
  })
  partnerId?: string;

  @JurisdictionField({
    description: "Where the place is: one of the jurisdictions the partner's network covers.",
  })
  jurisdiction!: string;

  @EnumField(PLACE_KINDS, {
    description: "The network's emergency flat, rooms under a hotel agreement, or a shelter.",
    example: 'emergency_flat',
  })
  kind!: PlaceKind;

  @TextField({
    max: 120,
    description: 'A label, never an address.',
    example: "Appartement d'urgence du réseau",
  })
  name!: string;

  @TextField({ max: 100, example: 'Montauban' }) municipality!: string;

  @IntField({ min: 1, max: 500, description: 'Rooms or beds (capacityUnit).', example: 1 })
  capacity!: number;

  @EnumField(CAPACITY_UNITS, {
    description:
      'rooms: one household per room (a flat is one room); beds: the victim and each child take one.',
    example: 'rooms',
  })
  capacityUnit!: CapacityUnit;

  @IntField({
    min: 1,
    max: 366,
    optional: true,
    description: "A hotel agreement's nights per calendar year; absent or null: unlimited.",
    example: 120,
  })
  nightsPerYear?: number | null;

  @TextField({
    max: 300,
    optional: true,
    description:
      'The street address, sealed at rest; shown only to the managing partner, admins of its jurisdiction and the coordinator of a request housed there.',
    example: '12 rue de la République, 82000 Montauban',
  })
  address?: string | null;

  @BooleanField({ optional: true, description: 'Open to allocations (default true).' })
  active?: boolean;
}

/** Fields given replace the stored ones; `nightsPerYear` and `address` may be set to null. */
export class UpdatePlaceDto {
  @TextField({ max: 120, optional: true, example: "Appartement d'urgence du réseau" })
  name?: string | null;
  @TextField({ max: 100, optional: true, example: 'Montauban' }) municipality?: string | null;
  @IntField({ min: 1, max: 500, optional: true, example: 2 }) capacity?: number | null;
  @EnumField(CAPACITY_UNITS, { optional: true, example: 'rooms' })
  capacityUnit?: CapacityUnit | null;
  @IntField({ min: 1, max: 366, optional: true, example: 120 }) nightsPerYear?: number | null;
  @TextField({ max: 300, optional: true, example: '12 rue de la République, 82000 Montauban' })
  address?: string | null;
  @BooleanField({ optional: true, description: 'Open to allocations.' }) active?: boolean | null;
}

export class PlaceQueryDto extends PageQuery {
  @EnumField(PLACE_KINDS, { optional: true, example: 'shelter' }) kind?: PlaceKind;
  @JurisdictionField({ optional: true }) jurisdiction?: string;
  @PartnerIdField({ optional: true }) partnerId?: string;
}

export class PlaceDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'logis-82' }) partnerId!: string;
  @ApiProperty({ example: 'tarn-et-garonne' }) networkId!: string;
  @ApiProperty({ example: 'FR-82' }) jurisdiction!: string;
  @ApiProperty({ enum: PLACE_KINDS }) kind!: PlaceKind;
  @ApiProperty({ example: "Appartement d'urgence du réseau" }) name!: string;
  @ApiProperty({ example: 'Montauban' }) municipality!: string;
  @ApiProperty({ type: 'integer' }) capacity!: number;
  @ApiProperty({ enum: CAPACITY_UNITS }) capacityUnit!: CapacityUnit;
  @ApiProperty({ type: 'integer', nullable: true }) nightsPerYear!: number | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description:
      'Only to the managing partner and admins of the jurisdiction; null for everyone else (a shelter’s address is itself sensitive).',
  })
  address!: string | null;
  @ApiProperty() active!: boolean;
  @ApiProperty({ type: 'integer', description: 'Rooms or beds taken tonight.' })
  occupiedNow!: number;
  @ApiProperty({
    type: 'integer',
    description: 'Nights allocated this calendar year (the nights used for stays released).',
  })
  nightsThisYear!: number;
}

export class PlacePageDto {
  @ApiProperty({ type: [PlaceDto] }) items!: PlaceDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class CreateHousingRequestDto {
  @IntField({ min: 0, max: 20, description: 'Children coming with her.', example: 2 })
  children!: number;

  @DateField({ description: 'The first night wanted.', example: '2026-11-25' })
  from!: string;

  @IntField({ min: 1, max: 365, example: 7 }) nights!: number;

  @EnumField(URGENCIES, {
    description:
      'immediate: tonight; within_days: in the coming days; planned: a date agreed ahead.',
    example: 'immediate',
  })
  urgency!: Urgency;

  @TextField({
    max: 1000,
    optional: true,
    description:
      'What the housing needs to know (mobility, a baby bed…), sealed; shown to the partner.',
    example: 'Un lit bébé pour le plus jeune.',
  })
  note?: string;

  @PhoneField({ optional: true, description: "The coordinator's phone for the partner." })
  coordinatorPhone?: string;

  @TextField({
    max: 200,
    optional: true,
    description: "The coordinator's email for the partner.",
    example: 'coordination@vif82.fr',
  })
  coordinatorEmail?: string;
}

export class HousingRequestQueryDto extends PageQuery {
  @EnumField(REQUEST_STATUSES, {
    optional: true,
    description: 'waiting: the waiting list, the most urgent then the oldest first.',
    example: 'waiting',
  })
  status?: RequestStatus;
  @PartnerIdField({ optional: true, description: "A network's id: its waiting list." })
  networkId?: string;
  @JurisdictionField({ optional: true }) jurisdiction?: string;
}

export class AllocateDto {
  @ApiProperty({ format: 'uuid', description: "One of the partner's places." })
  @IsUUID()
  placeId!: string;

  @DateField({ optional: true, description: 'The first night; by default the one requested.' })
  from?: string;

  @IntField({ min: 1, max: 365, optional: true, description: 'By default those requested.' })
  nights?: number;
}

export class ReleaseDto {
  @DateField({
    optional: true,
    description: 'The morning she left; by default today. The nights used are counted up to it.',
    example: '2026-11-28',
  })
  on?: string;
}

export class CancelHousingRequestDto {
  @TextField({
    max: 500,
    optional: true,
    description: 'Why (sealed).',
    example: 'Hébergée chez sa sœur.',
  })
  reason?: string;
}

export class HousedPlaceDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: PLACE_KINDS }) kind!: PlaceKind;
  @ApiProperty() municipality!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: "To the request's coordinator and the managing partner only.",
  })
  address!: string | null;
}

export class HousingRequestDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Null for partners: they see nothing else of the case.',
  })
  caseId!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Null for partners.' })
  caseReference!: string | null;
  @ApiProperty({ example: 'FR-82' }) jurisdiction!: string;
  @ApiProperty({ enum: REQUEST_STATUSES }) status!: RequestStatus;
  @ApiProperty({ enum: URGENCIES }) urgency!: Urgency;
  @ApiProperty({
    example: 'Camille',
    nullable: true,
    type: String,
    description:
      "The victim's first name, from the case when the request was filed; null when the case has none.",
  })
  firstName!: string | null;
  @ApiProperty({ type: 'integer' }) children!: number;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ format: 'date' }) wantedFrom!: string;
  @ApiProperty({ type: 'integer' }) nights!: number;
  @ApiProperty() coordinatorId!: string;
  @ApiProperty({ nullable: true, type: String }) coordinatorName!: string | null;
  @ApiProperty({ nullable: true, type: String }) coordinatorPhone!: string | null;
  @ApiProperty({ nullable: true, type: String }) coordinatorEmail!: string | null;
  @ApiProperty({ format: 'date-time' }) requestedAt!: Date;
  @ApiProperty({ type: HousedPlaceDto, nullable: true }) place!: HousedPlaceDto | null;
  @ApiProperty({ nullable: true, type: String }) partnerId!: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String }) stayFrom!: string | null;
  @ApiProperty({
    format: 'date',
    nullable: true,
    type: String,
    description: 'The planned end while allocated; the release date once released.',
  })
  stayUntil!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) allocatedAt!: Date | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) releasedAt!: Date | null;
  @ApiProperty({ type: 'integer', nullable: true }) nightsUsed!: number | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) cancelledAt!: Date | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description:
      "To the coordinator only. A request withdrawn by its case's closure says so (`The case was closed (<reasonCode>)…`).",
  })
  cancelReason!: string | null;
}

export class HousingRequestPageDto {
  @ApiProperty({ type: [HousingRequestDto] }) items!: HousingRequestDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class HousingStatisticsQueryDto {
  @PatternField({
    pattern: MONTH,
    max: 7,
    message: 'must be a month as YYYY-MM',
    example: '2026-01',
  })
  from!: string;
  @PatternField({
    pattern: MONTH,
    max: 7,
    message: 'must be a month as YYYY-MM',
    example: '2026-12',
  })
  to!: string;
  @JurisdictionField({ optional: true }) jurisdiction?: string;
}

export class MonthNightsDto {
  @ApiProperty({ example: '2026-11' }) month!: string;
  @ApiProperty({ type: 'integer' }) nights!: number;
}

export class PlaceNightsDto {
  @ApiProperty({ format: 'uuid' }) placeId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: PLACE_KINDS }) kind!: PlaceKind;
  @ApiProperty() jurisdiction!: string;
  @ApiProperty({ type: 'integer' }) capacity!: number;
  @ApiProperty({ enum: CAPACITY_UNITS }) capacityUnit!: CapacityUnit;
  @ApiProperty({ type: 'integer' }) occupiedNow!: number;
  @ApiProperty({ type: [MonthNightsDto] }) months!: MonthNightsDto[];
  @ApiProperty({ type: 'integer' }) total!: number;
}

export class HousingStatisticsDto {
  @ApiProperty({ type: [String], example: ['2026-10', '2026-11'] }) months!: string[];
  @ApiProperty({
    type: [PlaceNightsDto],
    description:
      'Nights per place and month: released stays up to their release, stays in progress up to tonight, future nights not counted.',
  })
  places!: PlaceNightsDto[];
  @ApiProperty({ type: 'integer', description: 'Requests on the waiting list now.' })
  waiting!: number;
  @ApiProperty({ type: 'integer', description: 'Nights of all the places, over the months.' })
  total!: number;
}
