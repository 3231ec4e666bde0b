import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsEmpty, IsOptional } from 'class-validator';

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
import { AUTHOR_TRACK_STEPS, AuthorTrackStep } from '../domain/author-track';
import {
  Address,
  Author,
  AuthorsCell,
  Child,
  ChildFollowUp,
  Consent,
  CONSENT_MEANS,
  CONSENT_PURPOSES,
  JUDICIAL_MEASURE_TYPES,
  JudicialMeasure,
  ResponsibilityCourse,
  SchoolContact,
  Victim,
  WEAPON_KINDS,
} from '../domain/case-file';
import { CASE_EVENT_KINDS, CaseEventKind } from '../domain/case-history';
import { CASE_STATUSES, CaseStatus } from '../domain/case-status';
import { FOLLOW_UP_KINDS, FollowUpKind, WORKSHOP_IDS, WorkshopId } from '../domain/children';
import { CLOSURE_REASONS, ClosureReason, REASONED_DECISION_MIN_LENGTH } from '../domain/closure';
import { INCIDENT_KINDS, INCIDENT_SOURCES, IncidentKind, IncidentSource } from '../domain/incident';
import { INTAKE_CHANNELS, IntakeChannel, PARTNER_ID } from '../domain/intake';

const PARTNER = {
  pattern: PARTNER_ID,
  max: 64,
  message: 'must be a partner organisation id such as cidff-82',
};

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
  @PatternField({
    ...PARTNER,
    optional: true,
    description:
      'The partner organisation the victim agrees to share with (`information_sharing` only). Withdrawing it is a later entry with `given: false` for the same recipient.',
    example: 'cidff-82',
  })
  recipient?: string;
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

export class AuthorsCellDto implements AuthorsCell {
  @PatternField({
    ...PARTNER,
    optional: true,
    description: "The authors' programme partner organisation (directory id).",
    example: 'cellule-auteurs-stopp-vif',
  })
  partnerId?: string;
  @DateField({ description: 'When the first (free) follow-up was offered.', example: '2026-11-20' })
  offeredOn!: string;
  @DateField({
    optional: true,
    description: 'When the author took it up (first appointment held); not before the offer.',
    example: '2026-11-27',
  })
  takenUpOn?: string;
}

export class ResponsibilityCourseDto implements ResponsibilityCourse {
  @DateField({ description: 'Stage de responsabilisation: when ordered.', example: '2026-11-18' })
  orderedOn!: string;
  @DateField({ optional: true, description: 'When completed; not before the order.' })
  completedOn?: string;
  @TextField({ max: 100, optional: true, example: 'Parquet de Montauban 26/045/123' })
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
  @NestedField(() => JudicialMeasureDto, {
    optional: true,
    array: true,
    maxItems: 50,
    description:
      'Judicial measures with their dates; those in force feed the recommendation rules and the TGD condition "contact ban or imminent danger" (an anti-approach bracelet, `anti_approach_bracelet`, comes with a ban on approaching the victim: it counts).',
  })
  judicialMeasures?: JudicialMeasureDto[];
  @NestedField(() => AuthorsCellDto, {
    optional: true,
    description: "The authors' cell's first follow-up, offered then taken up.",
  })
  authorsCell?: AuthorsCellDto;
  @NestedField(() => ResponsibilityCourseDto, {
    optional: true,
    description: 'Stage de responsabilisation, ordered then completed.',
  })
  responsibilityCourse?: ResponsibilityCourseDto;
}

export class SchoolContactDto implements SchoolContact {
  @TextField({ max: 200, example: 'École élémentaire Jean-Jaurès, Montauban' }) name!: string;
  @PhoneField({ optional: true, example: '+33563000000' }) phone?: string;
  @TextField({ max: 500, optional: true, example: 'Mme Roux, directrice' }) note?: string;
}

export class ChildDto implements Child {
  @PatternField({
    pattern: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    max: 36,
    message: 'must be the id of a child of this case',
    optional: true,
    description:
      'In a PATCH, the child as read (keeps its follow-up); absent, a new child. Ignored when opening a case.',
  })
  id?: string;
  @TextField({ max: 100, optional: true, example: 'Léa' }) firstName?: string;
  @IntField({
    min: 0,
    max: 25,
    example: 7,
    description:
      'Read: the age today, grown by the whole years since it was given (`ageGivenOn`). Given: the age today; sent back unchanged, the day it was first given is kept.',
  })
  age!: number;
  @ApiPropertyOptional({
    readOnly: true,
    format: 'date',
    example: '2026-11-18',
    description:
      'The day the age was given (set by the service; ignored in input). Absent for children recorded before it: their age does not grow.',
  })
  @IsOptional()
  ageGivenOn?: string;
  @BooleanField({ description: 'Witnessed the violence.', example: true }) exposed!: boolean;
  @BooleanField({ description: 'Suffered violence directly.', example: false }) victim!: boolean;
  @NestedField(() => SchoolContactDto, {
    optional: true,
    description: 'A school or childcare contact, where given (stored encrypted).',
  })
  schoolContact?: SchoolContactDto;
}

export class ChildFollowUpInputDto {
  @EnumField(FOLLOW_UP_KINDS, {
    description:
      '`psychologist` (partnerId, firstAppointmentOn, ongoing), `workshop` (attendedOn, workshop, partnerId), `childrens_judge` (referredOn, referredBy, reference): the juge des enfants.',
    example: 'workshop',
  })
  kind!: FollowUpKind;
  @PatternField({ ...PARTNER, optional: true, example: 'psy-enfance-82' }) partnerId?: string;
  @DateField({ optional: true, example: '2026-12-02' }) firstAppointmentOn?: string;
  @BooleanField({ optional: true, description: 'The care goes on (psychologist).' })
  ongoing?: boolean;
  @EnumField(WORKSHOP_IDS, {
    optional: true,
    description: 'Default `la_cabane` (first Wednesday of the month, 5–10 years).',
  })
  workshop?: WorkshopId;
  @DateField({ optional: true, description: 'The day attended; not in the future.' })
  attendedOn?: string;
  @DateField({
    optional: true,
    description: "Referral to the children's judge; not in the future.",
  })
  referredOn?: string;
  @TextField({ max: 200, optional: true, example: 'Parquet des mineurs de Montauban' })
  referredBy?: string;
  @TextField({ max: 100, optional: true, example: 'TPE Montauban 26/0123' }) reference?: string;
  @TextField({ max: 2000, optional: true, description: 'Stored encrypted.' }) note?: string;
}

export class ChildFollowUpDto extends ChildFollowUpInputDto implements ChildFollowUp {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ description: 'Who recorded it (token subject).' }) recordedBy!: string;
  declare workshop?: 'la_cabane';
}

export class ChildViewDto extends OmitType(ChildDto, ['id'] as const) {
  @ApiProperty({ format: 'uuid', description: 'Stable: give it back in a PATCH of the children.' })
  id!: string;
  @ApiProperty({ type: [ChildFollowUpDto], description: 'Oldest first.' })
  followUp!: ChildFollowUpDto[];
}

export class IntakeDto {
  @EnumField(INTAKE_CHANNELS, {
    description:
      'How the situation reached the network: the free 24/7 line, a complaint, a police call-out (main courante, 17), a partner organisation, the victim herself.',
    example: 'hotline_24_7',
  })
  channel!: IntakeChannel;
  @PatternField({
    ...PARTNER,
    optional: true,
    description: 'The referring partner organisation; required with `partner_referral` only.',
    example: 'cidff-82',
  })
  partnerId?: string;
  @DateTimeField({
    optional: true,
    description: 'When it reached the network; defaults to now. Not in the future.',
    example: '2026-11-24T21:40:00+01:00',
  })
  receivedAt?: string;
}

export class CreateCaseDto {
  @JurisdictionField() jurisdiction!: string;
  @NestedField(() => IntakeDto, {
    optional: true,
    description:
      'How the case came in; the caller is recorded as the coordinator who took it. Optional so that clients written before it keep working: absent, the intake is unknown (null), as for cases opened before.',
  })
  intake?: IntakeDto;
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
  OmitType(CreateCaseDto, ['jurisdiction', 'victim', 'author', 'intake'] as const),
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
  @EnumField(CLOSURE_REASONS, {
    optional: true,
    description:
      '`danger_ended_two_low_assessments` needs the two latest submitted assessments both at the lowest level (else 409 case.closure-not-low); `reasoned_decision` needs `reason` of at least ' +
      `${REASONED_DECISION_MIN_LENGTH} characters. Absent: \`other\` (clients written before it).`,
    example: 'reasoned_decision',
  })
  reasonCode?: ClosureReason;
  @TextField({
    min: 3,
    max: 2000,
    description: 'The decision in words (stored encrypted).',
    example: 'La victime a quitté le département ; suivi transmis au parquet de Toulouse.',
  })
  reason!: string;
}

export class IncidentDto {
  @DateTimeField({ description: 'When it happened.', example: '2026-11-24T21:40:00+01:00' })
  occurredAt!: string;
  @EnumField(INCIDENT_KINDS, { example: 'threat' }) kind!: IncidentKind;
  @EnumField(INCIDENT_SOURCES, {
    description: 'How the network learned of it.',
    example: 'police_call_out',
  })
  source!: IncidentSource;
  @TextField({
    max: 2000,
    optional: true,
    description: 'What happened (stored encrypted).',
    example: 'Menaces de mort par SMS malgré l’interdiction de contact.',
  })
  note?: string;
}

export class TransferRequestDto {
  @JurisdictionField({ description: 'The jurisdiction whose coordination takes the case over.' })
  to!: string;
  @TextField({
    min: 3,
    max: 2000,
    description: 'Why (stored encrypted; read by the coordinators of both jurisdictions).',
    example: 'La victime a déménagé à Chalon-sur-Saône.',
  })
  reason!: string;
}

export class DeclineTransferDto {
  @TextField({
    max: 2000,
    optional: true,
    description: 'Why the target coordination declines (stored encrypted).',
    example: 'Adresse hors de notre ressort.',
  })
  reason?: string;
}

export class CaseQueryDto extends PageQuery {
  @JurisdictionField({ optional: true }) jurisdiction?: string;
  @EnumField(CASE_STATUSES, { optional: true }) status?: CaseStatus;
  @TextField({ max: 200, optional: true, description: 'Cases of this coordinator.' })
  coordinatorId?: string;
}

export class IntakeViewDto {
  @ApiProperty({ enum: INTAKE_CHANNELS }) channel!: IntakeChannel;
  @ApiProperty({ type: String, nullable: true, example: 'cidff-82' }) partnerId!: string | null;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ description: 'The coordinator who took it (token subject).' })
  takenById!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Sophie Durand' })
  takenByName!: string | null;
}

class PreviousCaseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'FR-82-2026-7K3Q9X' }) reference!: string;
  @ApiProperty({ format: 'date-time' }) lastKnownAt!: string;
}

export class RepeatDto {
  @ApiProperty({
    type: [PreviousCaseDto],
    description:
      'Cases of the same victim in your jurisdictions known within 12 months, newest first.',
  })
  previousCases!: PreviousCaseDto[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastKnownAt!: string | null;
  @ApiProperty({
    description:
      'Also known in a jurisdiction you do not act in, within 12 months: said, never which case nor where.',
  })
  knownElsewhere!: boolean;
  @ApiProperty({ format: 'date-time', description: 'When the rule was last applied.' })
  checkedAt!: string;
}

export class PendingTransferDto {
  @ApiProperty({ example: 'FR-71' }) to!: string;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiProperty() requestedBy!: string;
  @ApiProperty() reason!: string;
}

export class IncomingTransferDto extends PendingTransferDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ example: 'FR-82-2026-7K3Q9X' }) reference!: string;
  @ApiProperty({ example: 'FR-82' }) from!: string;
}

export class CaseEventDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: CASE_EVENT_KINDS }) kind!: CaseEventKind;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty() actorId!: string;
  @ApiProperty({ type: String, nullable: true }) actorName!: string | null;
  @ApiPropertyOptional({ enum: INCIDENT_KINDS }) incidentKind?: IncidentKind;
  @ApiPropertyOptional({ enum: INCIDENT_SOURCES }) source?: IncidentSource;
  @ApiPropertyOptional({ enum: CLOSURE_REASONS }) reasonCode?: ClosureReason;
  @ApiPropertyOptional({ example: 'FR-82' }) from?: string;
  @ApiPropertyOptional({ example: 'FR-71' }) to?: string;
  @ApiPropertyOptional({ description: 'An incident found the victim known within 12 months.' })
  repeat?: boolean;
  @ApiPropertyOptional({ format: 'uuid', description: 'The child whose follow-up it records.' })
  childId?: string;
  @ApiPropertyOptional({ enum: FOLLOW_UP_KINDS }) followUpKind?: FollowUpKind;
  @ApiPropertyOptional({ enum: AUTHOR_TRACK_STEPS }) step?: AuthorTrackStep;
  @ApiPropertyOptional({ enum: JUDICIAL_MEASURE_TYPES }) measureType?: JudicialMeasure['type'];
  @ApiProperty({ type: String, nullable: true, description: 'The note or reason, decrypted.' })
  note!: string | null;
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
  @ApiProperty({ type: [ChildViewDto] }) children!: Child[];
  @ApiProperty({ nullable: true, type: String }) closeReason!: string | null;
  @ApiProperty({ nullable: true, enum: CLOSURE_REASONS, type: String })
  closeReasonCode!: ClosureReason | null;
  @ApiProperty({
    type: IntakeViewDto,
    nullable: true,
    description: 'How the case came in; null when unknown (cases opened before it was recorded).',
  })
  intake!: IntakeViewDto | null;
  @ApiProperty({
    type: RepeatDto,
    nullable: true,
    description:
      "MARAC's repeat rule: the victim was already known within the 12 months before the case was opened or its latest incident; null when not.",
  })
  repeat!: RepeatDto | null;
  @ApiProperty({ type: PendingTransferDto, nullable: true })
  pendingTransfer!: PendingTransferDto | null;
  @ApiProperty({ format: 'date-time', description: 'The latest intake or incident.' })
  lastKnownAt!: Date;
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
