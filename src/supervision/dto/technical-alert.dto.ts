import { ApiProperty } from '@nestjs/swagger';

import { EnumField, JurisdictionField, TextField } from '../../common/dto/fields';
import { PageQuery } from '../../common/dto/page';
import {
  TECHNICAL_ALERT_KINDS,
  TECHNICAL_ALERT_STATUSES,
  TECHNICAL_RESOLUTIONS,
  type TechnicalAlertKind,
  type TechnicalAlertStatus,
  type TechnicalResolution,
} from '../domain/technical-alert';

export class TechnicalAlertQueryDto extends PageQuery {
  @EnumField(TECHNICAL_ALERT_STATUSES, { optional: true, example: 'open' })
  status?: TechnicalAlertStatus;
  @EnumField(TECHNICAL_ALERT_KINDS, { optional: true, example: 'silent' })
  kind?: TechnicalAlertKind;
  @JurisdictionField({ optional: true }) jurisdiction?: string;
  @TextField({
    max: 200,
    optional: true,
    description:
      "Alerts on the devices of this coordinator's cases (their subject): their victims'.",
  })
  coordinatorId?: string;
}

export class ResolveTechnicalAlertDto {
  @EnumField(TECHNICAL_RESOLUTIONS, {
    description:
      'What was done: called the victim, battery charged, device swapped (through its allocation), repaired, no fault found.',
    example: 'called_victim',
  })
  resolution!: (typeof TECHNICAL_RESOLUTIONS)[number];

  @TextField({
    max: 2000,
    optional: true,
    description: 'In words (kept sealed).',
    example: 'Victime jointe : téléphone resté éteint dans un sac, rallumé.',
  })
  note?: string;
}

export class TechnicalAlertDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: TECHNICAL_ALERT_KINDS }) kind!: TechnicalAlertKind;
  @ApiProperty({ enum: TECHNICAL_ALERT_STATUSES }) status!: TechnicalAlertStatus;
  @ApiProperty({ format: 'uuid' }) allocationId!: string;
  @ApiProperty({
    format: 'uuid',
    description: 'Swap it: POST /api/v1/allocations/{id}/device/swap.',
  })
  deviceId!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ example: 'FR-82' }) jurisdiction!: string;
  @ApiProperty({ format: 'date-time' }) openedAt!: Date;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description:
      'The device event that opened it; null when supervision found it (silence, missed test).',
  })
  openedByEvent!: string | null;
  @ApiProperty({ description: 'Escalations so far while unacknowledged.' })
  escalationLevel!: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) acknowledgedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String }) acknowledgedBy!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) resolvedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String, example: 'system:device' }) resolvedBy!:
    string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    enum: [...TECHNICAL_RESOLUTIONS, 'cleared_by_device', 'device_returned', 'allocation_ended'],
  })
  resolution!: TechnicalResolution | null;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
}

export class TechnicalAlertPageDto {
  @ApiProperty({ type: [TechnicalAlertDto] }) items!: TechnicalAlertDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
