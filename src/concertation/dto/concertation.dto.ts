import { ApiProperty } from '@nestjs/swagger';

import {
  BooleanField,
  DateTimeField,
  EnumField,
  JurisdictionField,
  NestedField,
  PatternField,
  TextField,
} from '../../common/dto/fields';
import { DIRECTORY_ID_PATTERN } from '../../network/domain/network';
import {
  ACTION_STATUSES,
  ActionStatus,
  AGENDA_REASONS,
  AgendaReason,
  MEETING_KINDS,
  MeetingKind,
} from '../domain/concertation';

const partnerIdField = (description: string) =>
  PatternField({
    pattern: DIRECTORY_ID_PATTERN,
    max: 64,
    message: 'must be a directory id such as cidff-82',
    example: 'psychologue-coordination-82',
    description,
  });

const CaseIdField = (description: string) =>
  PatternField({
    pattern: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    max: 36,
    message: 'must be a case id (UUID, lower case)',
    description,
  });

export class CreateMeetingDto {
  @PatternField({
    pattern: DIRECTORY_ID_PATTERN,
    max: 64,
    message: 'must be a directory id such as fr-82-coordination-vif',
    example: 'fr-82-coordination-vif',
    description: 'The network meeting: it must cover a jurisdiction you act in.',
  })
  networkId!: string;
  @EnumField(MEETING_KINDS, {
    description:
      "concertation_cell (DIViCo's concertation cell), partners_platform (STOPP VIF's quarterly partners' platform), risk_meeting (MARAC-style risk meeting).",
  })
  kind!: MeetingKind;
  @DateTimeField({ description: 'When the meeting takes place.' })
  scheduledAt!: string;
  @JurisdictionField({
    optional: true,
    description:
      'The jurisdiction it is scheduled in (one you act in that the network covers); by default the first such.',
  })
  jurisdiction?: string;
}

export class AgendaCaseDto {
  @CaseIdField('The case to put on the agenda (open, within the network).')
  caseId!: string;
}

export class ParticipantInputDto {
  @partnerIdField('A partner organisation of the network.')
  partnerId!: string;
  @BooleanField({ optional: true, description: 'Present at the meeting; null until recorded.' })
  attended?: boolean | null;
}

export class ParticipantsDto {
  @NestedField(() => ParticipantInputDto, { array: true, maxItems: 100 })
  participants!: ParticipantInputDto[];
}

export class CreateDecisionDto {
  @CaseIdField('The agenda case it concerns.')
  caseId!: string;
  @TextField({ max: 4000, description: 'What the meeting decided (sealed at rest).' })
  text!: string;
}

export class CreateActionDto {
  @CaseIdField('The agenda case it concerns.')
  caseId!: string;
  @partnerIdField('The partner organisation of the network that carries it out.')
  partnerId!: string;
  @TextField({ max: 2000, description: 'What is to be done (sealed at rest).' })
  description!: string;
  @DateTimeField({ description: 'Its deadline: the follow-up obligation falls due then.' })
  dueAt!: string;
}

export class AgendaItemDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ example: 'FR-82-2026-7K3Q9X' }) reference!: string;
  @ApiProperty({ example: 'FR-82' }) jurisdiction!: string;
  @ApiProperty({ type: String, nullable: true }) level!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Danger grave' })
  levelLabel!: string | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'The level in force counted from the most severe (0); null when not assessed.',
  })
  levelFromTop!: number | null;
  @ApiProperty({ description: "MARAC's repeat rule: known within the 12 months." })
  repeat!: boolean;
  @ApiProperty({ type: String, nullable: true }) coordinatorName!: string | null;
  @ApiProperty({ enum: AGENDA_REASONS, isArray: true }) reasons!: AgendaReason[];
}

export class ParticipantDto {
  @ApiProperty() partnerId!: string;
  @ApiProperty() partnerName!: string;
  @ApiProperty({ type: Boolean, nullable: true }) attended!: boolean | null;
}

export class DecisionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty() recordedBy!: string;
}

export class ActionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) meetingId!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() caseReference!: string;
  @ApiProperty() jurisdiction!: string;
  @ApiProperty() partnerId!: string;
  @ApiProperty() partnerName!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: Date;
  @ApiProperty({
    enum: ACTION_STATUSES,
    description: 'cancelled: the case was closed while the action was open.',
  })
  status!: ActionStatus;
  @ApiProperty({ format: 'date-time', type: String, nullable: true }) doneAt!: Date | null;
  @ApiProperty({ type: String, nullable: true }) doneBy!: string | null;
}

/** A partner's action: the agenda line of its case (reference) and the action, nothing else. */
export class PartnerActionDto extends ActionDto {
  @ApiProperty({ example: 'fr-82-coordination-vif' }) networkName!: string;
  @ApiProperty({ format: 'date-time' }) meetingAt!: Date;
}

export class MeetingSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() networkId!: string;
  @ApiProperty() networkName!: string;
  @ApiProperty() jurisdiction!: string;
  @ApiProperty({ enum: MEETING_KINDS }) kind!: MeetingKind;
  @ApiProperty({ format: 'date-time' }) scheduledAt!: Date;
  @ApiProperty() coordinatorId!: string;
  @ApiProperty({ type: String, nullable: true }) coordinatorName!: string | null;
  @ApiProperty() agendaCount!: number;
  @ApiProperty() version!: number;
}

export class MeetingDto extends MeetingSummaryDto {
  @ApiProperty({ type: [String] }) networkJurisdictions!: string[];
  @ApiProperty({ type: [AgendaItemDto] }) agenda!: AgendaItemDto[];
  @ApiProperty({ type: [ParticipantDto] }) participants!: ParticipantDto[];
  @ApiProperty({ type: [DecisionDto] }) decisions!: DecisionDto[];
  @ApiProperty({ type: [ActionDto] }) actions!: ActionDto[];
}
