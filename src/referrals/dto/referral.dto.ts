import { ApiProperty } from '@nestjs/swagger';

import {
  BooleanField,
  DateTimeField,
  EnumField,
  NestedField,
  PatternField,
  TextField,
} from '../../common/dto/fields';
import { PageQuery } from '../../common/dto/page';
import {
  DIRECTORY_ID_PATTERN,
  PARTNER_SERVICES,
  PartnerService,
} from '../../network/domain/network';
import {
  APPOINTMENT_KINDS,
  AppointmentKind,
  REFERRAL_OUTCOMES,
  REFERRAL_STATUSES,
  ReferralOutcome,
  ReferralStatus,
  STEP_KINDS,
} from '../domain/referral';

/** What the coordinator ticks: nothing of the victim is shared unless ticked here. */
export class ShareDto {
  @BooleanField({ description: "Share the victim's first name (never her last name)." })
  victimFirstName!: boolean;
  @BooleanField({
    description: "Share the victim's phone from the case, for the partner to call her.",
  })
  contactPhone!: boolean;
}

export class CreateReferralDto {
  @PatternField({
    pattern: DIRECTORY_ID_PATTERN,
    max: 64,
    message: 'must be a partner directory id such as cidff-82',
    description:
      "The partner organisation (directory id). It must offer the service and belong to a network covering the case's jurisdiction; the victim's consent to share with it must be in force.",
    example: 'psy-montauban',
  })
  partnerId!: string;

  @EnumField(PARTNER_SERVICES, { example: 'psychological_care' })
  service!: PartnerService;

  @NestedField(() => ShareDto, { description: 'The minimum information the service needs.' })
  share!: ShareDto;

  @TextField({
    max: 200,
    description: 'How the partner reaches the coordinator (phone, e-mail of the coordination).',
    example: '05 63 00 00 00 — coordination VIF 82',
  })
  coordinatorContact!: string;

  @TextField({
    max: 2000,
    optional: true,
    description: 'What the partner needs to know, no more (kept sealed).',
    example: 'Souhaite un premier rendez-vous en matinée.',
  })
  note?: string;
}

export class DeclineReferralDto {
  @TextField({
    max: 2000,
    description: 'Why the partner cannot take it (kept sealed).',
    example: 'Plus de créneau avant six semaines ; orienter vers le CMP.',
  })
  reason!: string;
}

export class AppointmentDto {
  @DateTimeField({ description: 'When the appointment is or was.' })
  at!: string;
  @EnumField(APPOINTMENT_KINDS, { example: 'first_interview' })
  kind!: AppointmentKind;
  @BooleanField({
    optional: true,
    description: 'Whether the victim came; absent or null while the appointment is to come.',
  })
  attended?: boolean | null;
}

export class OutcomeDto {
  @EnumField(REFERRAL_OUTCOMES, { example: 'support_completed' })
  outcome!: ReferralOutcome;
  @TextField({ max: 2000, optional: true, description: 'In words (kept sealed).' })
  note?: string;
}

export class ReferralQueryDto extends PageQuery {
  @EnumField(REFERRAL_STATUSES, { optional: true, example: 'sent' })
  status?: ReferralStatus;
}

export class SharedInformationDto {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Only when the coordinator ticked it.',
  })
  victimFirstName!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Only when the coordinator ticked it.',
  })
  contactPhone!: string | null;
  @ApiProperty({ type: String, nullable: true }) coordinatorName!: string | null;
  @ApiProperty() coordinatorContact!: string;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
}

export class AppointmentViewDto {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ enum: APPOINTMENT_KINDS }) kind!: AppointmentKind;
  @ApiProperty({ type: Boolean, nullable: true }) attended!: boolean | null;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
}

export class OutcomeViewDto {
  @ApiProperty({ enum: REFERRAL_OUTCOMES }) kind!: ReferralOutcome;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
}

export class StepDto {
  @ApiProperty({ enum: STEP_KINDS }) kind!: (typeof STEP_KINDS)[number];
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ description: 'Who: a user, or system:<event>.' }) by!: string;
}

/**
 * A referral as the coordinator and the partner see it: what was shared, where it stands, its
 * history. Nothing else of the case.
 */
export class ReferralDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ description: "The case's pseudonymous reference, to quote to the coordinator." })
  caseReference!: string;
  @ApiProperty({ example: 'FR-82' }) jurisdiction!: string;
  @ApiProperty({ example: 'psy-montauban' }) partnerId!: string;
  @ApiProperty() partnerName!: string;
  @ApiProperty({ enum: PARTNER_SERVICES }) service!: PartnerService;
  @ApiProperty({ enum: REFERRAL_STATUSES }) status!: ReferralStatus;
  @ApiProperty({ format: 'date-time' }) sentAt!: Date;
  @ApiProperty() sentBy!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) answeredAt!: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) endedAt!: Date | null;
  @ApiProperty({ type: SharedInformationDto }) shared!: SharedInformationDto;
  @ApiProperty({ type: String, nullable: true }) declineReason!: string | null;
  @ApiProperty({ type: [AppointmentViewDto] }) appointments!: AppointmentViewDto[];
  @ApiProperty({ type: OutcomeViewDto, nullable: true }) outcome!: OutcomeViewDto | null;
  @ApiProperty({ type: [StepDto] }) history!: StepDto[];
}

export class ReferralPageDto {
  @ApiProperty({ type: [ReferralDto] }) items!: ReferralDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
