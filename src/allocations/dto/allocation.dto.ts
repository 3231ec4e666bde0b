import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

import {
  DateTimeField,
  EnumField,
  IntField,
  JurisdictionField,
  TextField,
} from '../../common/dto/fields';
import { PageQuery } from '../../common/dto/page';
import { RETURN_CONDITIONS, ReturnCondition } from '../../devices/domain/device';
import { DeviceAssignmentDto } from '../../devices/dto/device.dto';
import { TgdConditionDto } from '../../recommendations/dto/recommendation.dto';
import {
  ALLOCATION_STATUSES,
  AllocationStatus,
  DEFAULT_PERIOD_MONTHS,
  END_REASONS,
  EndReason,
  REQUEST_STATUSES,
  RequestStatus,
} from '../domain/lifecycle';

export class FileTgdRequestDto {
  @ApiProperty({
    format: 'uuid',
    description: 'The submitted assessment the request rests on.',
    example: 'b6e2d9f4-1a3c-4e5b-8f7d-2c9a0e1b3d4f',
  })
  @IsUUID()
  assessmentId!: string;

  @TextField({
    max: 4000,
    optional: true,
    description: "The coordinator's note to the prosecutor.",
    example: 'Menaces de mort réitérées depuis la séparation ; auteur sous contrôle judiciaire.',
  })
  note?: string;
}

export class TgdDecisionDto {
  @EnumField(['approve', 'reject'] as const, { example: 'approve' }) decision!:
    'approve' | 'reject';

  @TextField({
    min: 10,
    max: 4000,
    description: 'The grounds of the decision.',
    example: 'Danger caractérisé, consentement recueilli, interdiction de contact en vigueur.',
  })
  reasons!: string;

  @IntField({
    min: 1,
    max: DEFAULT_PERIOD_MONTHS,
    optional: true,
    description: `Months of allocation; ${DEFAULT_PERIOD_MONTHS} when absent (CPP art. 41-3-1).`,
    example: DEFAULT_PERIOD_MONTHS,
  })
  months?: number;
}

export class RenewalDto {
  @TextField({
    min: 10,
    max: 4000,
    example: "Danger persistant : l'auteur sort de détention le mois prochain.",
  })
  reasons!: string;

  @IntField({
    min: 1,
    max: DEFAULT_PERIOD_MONTHS,
    optional: true,
    description: `${DEFAULT_PERIOD_MONTHS} when absent.`,
    example: 3,
  })
  months?: number;
}

export class EndAllocationDto {
  @EnumField(END_REASONS.filter((r) => r !== 'expired'), { example: 'victim_request' })
  reason!: EndReason;

  @TextField({ max: 4000, optional: true, example: 'La victime a déménagé hors du ressort.' })
  note?: string;
}

export class AssignDeviceDto {
  @ApiProperty({ format: 'uuid', example: '3f1c2a7e-8b4d-4c19-9e2a-5d6f7a8b9c0d' })
  @IsUUID()
  deviceId!: string;
}

export class SwapDeviceDto extends AssignDeviceDto {
  @EnumField(RETURN_CONDITIONS, {
    description: 'The condition the device being replaced came back in.',
    example: 'faulty',
  })
  condition!: ReturnCondition;
}

export class ReturnDeviceDto {
  @EnumField(RETURN_CONDITIONS, { example: 'ok' }) condition!: ReturnCondition;
}

export class TgdRequestFilterDto {
  @EnumField(REQUEST_STATUSES, { optional: true }) status?: RequestStatus;
  @JurisdictionField({ optional: true }) jurisdiction?: string;
  @TextField({
    max: 200,
    optional: true,
    description: "Requests on this coordinator's cases (their subject): a coordinator's own.",
  })
  coordinatorId?: string;
}

export class TgdRequestQueryDto extends IntersectionType(PageQuery, TgdRequestFilterDto) {}

export class TgdRequestCountDto {
  @ApiProperty({ type: 'integer', minimum: 0, example: 3 }) total!: number;
}

export class AllocationQueryDto extends PageQuery {
  @EnumField(ALLOCATION_STATUSES, { optional: true }) status?: AllocationStatus;
  @JurisdictionField({ optional: true }) jurisdiction?: string;

  @DateTimeField({
    optional: true,
    description:
      'Only allocations ending at or before this instant: the renewals coming due (with status=active).',
    example: '2026-12-24T00:00:00Z',
  })
  endingBefore?: string;
}

export class RequestRedFlagDto {
  @ApiProperty({ example: 'threat_to_kill' }) flag!: string;
  @ApiProperty({ description: "In the instrument's language.", example: 'Menaces de mort' })
  label!: string;
}

export class TgdRequestDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() jurisdiction!: string;
  @ApiProperty({ format: 'uuid' }) assessmentId!: string;
  @ApiProperty({ enum: REQUEST_STATUSES }) status!: RequestStatus;
  @ApiProperty() filedBy!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: "The coordinator's name, when their sign-in gave one.",
  })
  filedByName!: string | null;
  @ApiProperty({ format: 'date-time' }) filedAt!: Date;
  @ApiProperty({ format: 'date-time' }) consentRecordedAt!: Date;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedBy!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: "The prosecutor's name, when their sign-in gave one.",
  })
  decidedByName!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) decidedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String }) decisionReasons!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) allocationId!: string | null;
  @ApiProperty({ example: 'VIF-82-2026-0042' }) caseReference!: string;
  @ApiProperty({
    description:
      'The level in force of the assessment the request rests on (its override included).',
    example: 'grave',
  })
  level!: string;
  @ApiProperty({ example: 'Danger grave' }) levelLabel!: string;
  @ApiProperty({ description: 'Rank of the level, 0 for the lowest of the instrument.' })
  levelRank!: number;
  @ApiProperty({ description: 'Number of levels of the instrument.' }) levelCount!: number;
  @ApiProperty({
    description:
      "0 for the instrument's highest level, 1 for the one below…: what the queue is ordered by.",
  })
  levelFromTop!: number;
  @ApiProperty({ type: [RequestRedFlagDto], description: 'Red flags of that assessment.' })
  redFlags!: RequestRedFlagDto[];
  @ApiProperty({
    type: [TgdConditionDto],
    description: 'The legal conditions of a TGD (CPP art. 41-3-1) on the victim file as it stands.',
  })
  tgdConditions!: TgdConditionDto[];
  @ApiProperty({
    type: [String],
    description: 'Judicial bans on contact in force against the author (measure types).',
    example: ['protection_order'],
  })
  contactBansInForce!: string[];
}

export class AllocationEventDto {
  @ApiProperty({ example: 'renewed' }) type!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: Date;
  @ApiProperty() actorId!: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true })
  detail!: Record<string, unknown> | null;
}

export class AllocationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ example: 'VIF-82-2026-0042' }) caseReference!: string;
  @ApiProperty() jurisdiction!: string;
  @ApiProperty({ format: 'uuid' }) requestId!: string;
  @ApiProperty({ enum: ALLOCATION_STATUSES }) status!: AllocationStatus;
  @ApiProperty({ format: 'date-time' }) startsAt!: Date;
  @ApiProperty({ format: 'date-time' }) endsAt!: Date;
  @ApiProperty() renewals!: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) endedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String, enum: END_REASONS }) endReason!: string | null;
  @ApiProperty({
    type: DeviceAssignmentDto,
    nullable: true,
    description: 'The device in the victim’s hands.',
  })
  device!: DeviceAssignmentDto | null;
  @ApiProperty({
    type: [DeviceAssignmentDto],
    description: 'Every hand-over and return, newest first.',
  })
  devices!: DeviceAssignmentDto[];
  @ApiProperty({
    type: [AllocationEventDto],
    description: 'Decision, renewals, devices, end, oldest first.',
  })
  history!: AllocationEventDto[];
}

export class AllocationPageDto {
  @ApiProperty({ type: [AllocationDto] }) items!: AllocationDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class TgdRequestPageDto {
  @ApiProperty({ type: [TgdRequestDto] }) items!: TgdRequestDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
