import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsEmpty } from 'class-validator';

import {
  BooleanField,
  DateField,
  DateTimeField,
  EnumField,
  IntField,
  JurisdictionField,
  NestedField,
  PatternField,
  PhoneField,
  TextField,
} from '../../common/dto/fields';
import { PageQuery } from '../../common/dto/page';
import {
  Address,
  Author,
  Child,
  Consent,
  CONSENT_MEANS,
  CONSENT_PURPOSES,
  JUDICIAL_MEASURE_TYPES,
  JudicialMeasure,
  Victim,
  WEAPON_KINDS,
} from '../domain/case-file';
import { CASE_STATUSES, CaseStatus } from '../domain/case-status';

export class AddressDto implements Address {
  @TextField({ max: 200, example: '12 rue de la République' }) line1!: string;
  @TextField({ max: 200, optional: true, example: 'Bâtiment B, 3e étage' }) line2?: string;
  @PatternField({
    pattern: /^[A-Z0-9 -]{3,10}$/,
    max: 10,
    message: 'must be a postal code',
    optional: true,
    example: '82000',
  })
  postalCode?: string;
  @TextField({ max: 100, example: 'Montauban' }) city!: string;
  @PatternField({
    pattern: /^[A-Z]{2}$/,
    max: 2,
    message: 'must be an ISO 3166 alpha-2 country code',
    example: 'FR',
  })
  country!: string;
}

export class ConsentDto implements Consent {
  @EnumField(CONSENT_PURPOSES, { example: 'tgd_allocation' }) purpose!: Consent['purpose'];
  @BooleanField({ example: true }) given!: boolean;
  @DateTimeField({
    description: 'When the consent (or refusal) was expressed.',
    example: '2026-03-02T10:15:00Z',
  })
  recordedAt!: string;
  @EnumField(CONSENT_MEANS, { optional: true, example: 'in_person' }) how?: Consent['how'];
  @TextField({
    max: 1000,
    optional: true,
    example: "Recueilli lors de l'entretien au commissariat.",
  })
  note?: string;
  @ApiPropertyOptional({
    readOnly: true,
    description: 'Who entered it (set by the service; entries are never changed nor removed).',
    example: 'sophie.durand',
  })
  @IsEmpty({ message: 'is set by the service' })
  recordedBy?: string;
}

export class VictimDto implements Victim {
  @TextField({ max: 100, optional: true, example: 'Camille' }) firstName?: string;
  @TextField({ max: 100, example: 'Martin' }) lastName!: string;
  @DateField({ optional: true, example: '1988-05-17' }) dateOfBirth?: string;
  @PhoneField({ optional: true, example: '+33612345678' }) phone?: string;
  @NestedField(() => AddressDto, { optional: true }) address?: AddressDto;
  @PatternField({
    pattern: /^[a-z]{2}$/,
    max: 2,
    message: 'must be an ISO 639-1 language code such as fr',
    optional: true,
    example: 'fr',
  })
  preferredLanguage?: string;
  @NestedField(() => ConsentDto, { optional: true, array: true, maxItems: 50 })
  consents?: ConsentDto[];
}

export class JudicialMeasureDto implements JudicialMeasure {
  @EnumField(JUDICIAL_MEASURE_TYPES, { example: 'contact_ban' }) type!: JudicialMeasure['type'];
  @DateField({ example: '2026-02-10' }) issuedAt!: string;
  @DateField({ optional: true, example: '2026-08-10' }) expiresAt?: string;
  @TextField({
    max: 100,
    optional: true,
    description: 'Court or parquet reference.',
    example: 'Parquet de Montauban 26/045/123',
  })
  reference?: string;
}

export class AuthorDto implements Author {
  @TextField({ max: 100, optional: true, example: 'Julien' }) firstName?: string;
  @TextField({ max: 100, optional: true, example: 'Moreau' }) lastName?: string;
  @TextField({
    max: 2000,
    optional: true,
    description: 'Physical description, vehicle, habits: what police need.',
    example: 'Environ 1,85 m, cheveux bruns ; conduit une Clio grise.',
  })
  description?: string;
  @NestedField(() => AddressDto, { optional: true }) address?: AddressDto;
  @BooleanField({
    optional: true,
    description: 'Absent when unknown. Cohabitation bars a TGD (CPP art. 41-3-1).',
    example: false,
  })
  livesWithVictim?: boolean;
  @EnumField(WEAPON_KINDS, { optional: true, array: true, example: ['knife'] })
  knownWeapons?: Author['knownWeapons'];
  @NestedField(() => JudicialMeasureDto, { optional: true, array: true, maxItems: 50 })
  judicialMeasures?: JudicialMeasureDto[];
}

export class ChildDto implements Child {
  @TextField({ max: 100, optional: true, example: 'Léa' }) firstName?: string;
  @IntField({ min: 0, max: 25, example: 7 }) age!: number;
  @BooleanField({ description: 'Witnessed the violence.', example: true }) exposed!: boolean;
  @BooleanField({ description: 'Suffered violence directly.', example: false }) victim!: boolean;
}

export class CreateCaseDto {
  @JurisdictionField() jurisdiction!: string;
  @NestedField(() => VictimDto) victim!: VictimDto;
  @NestedField(() => AuthorDto, { optional: true }) author?: AuthorDto;
  @NestedField(() => ChildDto, { optional: true, array: true, maxItems: 20 }) children?: ChildDto[];
  @TextField({
    max: 200,
    optional: true,
    description: 'Subject of the responsible coordinator; defaults to the caller.',
    example: 'sophie.durand',
  })
  coordinatorId?: string;
}

class VictimPatchDto extends PartialType(VictimDto) {}
class AuthorPatchDto extends PartialType(AuthorDto) {}

/** Fields given replace the stored ones; inside `victim` and `author`, only the keys given change. */
export class UpdateCaseDto extends PartialType(
  OmitType(CreateCaseDto, ['jurisdiction', 'victim', 'author'] as const),
) {
  @NestedField(() => VictimPatchDto, { optional: true }) victim?: VictimPatchDto;
  @NestedField(() => AuthorPatchDto, { optional: true }) author?: AuthorPatchDto;
  @IntField({
    min: 1,
    max: 2_147_483_647,
    optional: true,
    description:
      'The case’s `version` as you read it: if someone changed the case since, nothing is written and the answer is 409 case.version-conflict. Absent: the patch applies to whatever is stored.',
    example: 3,
  })
  expectedVersion?: number;
}

export class CloseCaseDto {
  @TextField({
    min: 3,
    max: 2000,
    description: 'Why the follow-up ends (stored encrypted).',
    example: 'La victime a quitté le département ; suivi transmis au parquet de Toulouse.',
  })
  reason!: string;
}

export class CaseQueryDto extends PageQuery {
  @JurisdictionField({ optional: true }) jurisdiction?: string;
  @EnumField(CASE_STATUSES, { optional: true }) status?: CaseStatus;
  @TextField({ max: 200, optional: true, description: 'Cases of this coordinator.' })
  coordinatorId?: string;
}

export class CaseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'FR-82-2026-7K3Q9X', description: 'Pseudonymous reference.' })
  reference!: string;
  @ApiProperty({ example: 'FR-82' }) jurisdiction!: string;
  @ApiProperty({ enum: CASE_STATUSES }) status!: CaseStatus;
  @ApiProperty() coordinatorId!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    readOnly: true,
    example: 'Sophie Durand',
    description:
      "The coordinator's name, recorded from their sign-in when they open the case or take it over; null when unknown.",
  })
  coordinatorName!: string | null;
  @ApiProperty({ type: VictimDto }) victim!: Victim;
  @ApiProperty({ type: AuthorDto, nullable: true }) author!: Author | null;
  @ApiProperty({ type: [ChildDto] }) children!: Child[];
  @ApiProperty({ nullable: true, type: String }) closeReason!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ format: 'date-time' }) updatedAt!: Date;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) closedAt!: Date | null;
  @ApiProperty() version!: number;
}

export class CasePageDto {
  @ApiProperty({ type: [CaseDto] }) items!: CaseDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
