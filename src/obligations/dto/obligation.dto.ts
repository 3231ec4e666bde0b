import { ApiProperty } from '@nestjs/swagger';

import { EnumField, JurisdictionField, TextField } from '../../common/dto/fields';
import { PageQuery } from '../../common/dto/page';
import { COMPLETIONS, Responsible, RESPONSIBLES } from '../domain/obligation-templates';

const STATES = ['upcoming', 'due', 'overdue'] as const;

export class ObligationQueryDto extends PageQuery {
  @EnumField(STATES, { optional: true, description: 'Open obligations in this state only.' })
  status?: (typeof STATES)[number];
  @JurisdictionField({ optional: true }) jurisdiction?: string;
  @EnumField(RESPONSIBLES, { optional: true }) responsible?: Responsible;
}

export class CompleteObligationDto {
  @TextField({
    max: 4000,
    min: 1,
    description: 'What was done.',
    example: 'Point de situation fait avec la victime par téléphone.',
  })
  note!: string;
}

export class WaiveObligationDto {
  @TextField({
    max: 4000,
    min: 1,
    description: 'Why the obligation does not apply.',
    example: 'Le suivi est assuré par le SPIP de Montauban.',
  })
  reason!: string;
}

export class ObligationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description:
      'The TGD allocation it follows; null for an obligation of the case alone (a referral).',
  })
  allocationId!: string | null;
  @ApiProperty() jurisdiction!: string;
  @ApiProperty() templateId!: string;
  @ApiProperty({ description: 'Templates file and version, e.g. suivi-tgd-fr@1.0' })
  templateVersion!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: RESPONSIBLES }) responsible!: string;
  @ApiProperty({ enum: COMPLETIONS }) completedBy!: string;
  @ApiProperty({ description: 'Occurrence of a repeating obligation, from 0.' }) sequence!: number;
  @ApiProperty({ description: 'From when it is due.' }) dueFrom!: Date;
  @ApiProperty({ description: 'Deadline: overdue from then.' }) dueAt!: Date;
  @ApiProperty({ enum: STATES }) state!: string;
  @ApiProperty({ enum: ['open', 'completed', 'waived', 'cancelled'] }) status!: string;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: Date | null;
  @ApiProperty({ type: String, nullable: true, description: 'A user, or system:<event>.' })
  closedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
}

export class ObligationPageDto {
  @ApiProperty({ type: [ObligationDto] }) items!: ObligationDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
