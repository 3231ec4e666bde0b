import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNumber, IsOptional, Max, Min, ValidateNested } from 'class-validator';

import {
  BooleanField,
  DateTimeField,
  EnumField,
  IntField,
  JurisdictionField,
  PatternField,
  TextField,
} from '../../common/dto/fields';
import { PageQuery } from '../../common/dto/page';
import {
  ALARM_OUTCOMES,
  ALARM_STATUSES,
  AlarmOutcome,
  AlarmStatus,
  DEVICE_EVENT_TYPES,
  DeviceEventType,
} from '../domain/alarm-lifecycle';

export class LocationDto {
  @ApiProperty({ minimum: -90, maximum: 90, example: 44.0176 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  lat!: number;

  @ApiProperty({ minimum: -180, maximum: 180, example: 1.355 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  lon!: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 100000, description: 'Metres.', example: 15 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100_000)
  accuracy?: number;
}

export class DeviceEventDto {
  @PatternField({
    pattern: /^[A-Za-z0-9_.:-]{1,128}$/,
    max: 128,
    message: 'must be 1 to 128 letters, digits or _.:-',
    description:
      'Unique per gateway: the same id again gets the same answer, and nothing is stored twice.',
    example: 'gw82-000123',
  })
  eventId!: string;

  @PatternField({
    pattern: /^[A-Za-z0-9-]{3,64}$/,
    max: 64,
    message: 'must be a serial number or an IMEI',
    description: 'Serial number or IMEI.',
    example: 'TGD-82-0042',
  })
  device!: string;

  @EnumField(DEVICE_EVENT_TYPES, { example: 'distress' }) type!: DeviceEventType;

  @DateTimeField({ description: 'When the device raised it.', example: '2026-03-14T21:47:05Z' })
  occurredAt!: string;

  @ApiPropertyOptional({ type: LocationDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => LocationDto)
  location?: LocationDto;

  @IntField({
    min: 0,
    max: 100,
    optional: true,
    description: 'Battery level, percent.',
    example: 62,
  })
  battery?: number;

  @EnumField(['passed', 'failed'] as const, {
    optional: true,
    description: 'Of a test: what the device found. A failed test opens a technical alert.',
    example: 'passed',
  })
  result?: 'passed' | 'failed';
}

export class DeviceEventAnswerDto {
  @ApiProperty() eventId!: string;
  @ApiProperty({ enum: ['accepted'] }) outcome!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'uuid',
    description: 'The alarm a distress opened or joined.',
  })
  alarmId!: string | null;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
}

export class AlarmQueryDto extends PageQuery {
  @EnumField(ALARM_STATUSES, { optional: true }) status?: AlarmStatus;
  @JurisdictionField({ optional: true }) jurisdiction?: string;
}

export class PoliceCallDto {
  @TextField({
    max: 2000,
    optional: true,
    description: 'Who was called, what was said.',
    example: 'Commissariat de Montauban appelé à 21 h 49, patrouille envoyée.',
  })
  note?: string;

  @PatternField({
    pattern: /^[A-Za-z0-9/._-]{1,64}$/,
    max: 64,
    optional: true,
    message: 'must be 1 to 64 letters, digits or / . _ -',
    description: "The police's reference for the call-out (intervention or event number).",
    example: 'CIC82-2026-114523',
  })
  reference?: string;
}

/** The call-back to the victim that clears the doubt (levée de doute) before or beside the police. */
export class CallBackDto {
  @BooleanField({ description: 'Did the victim (or someone) answer?', example: true })
  answered!: boolean;
  @TextField({
    max: 2000,
    optional: true,
    description: 'What was heard, what was decided.',
    example: 'Victime jointe, voix paniquée : auteur devant la porte. Police appelée.',
  })
  note?: string;
}

export class ResolveAlarmDto {
  @EnumField(ALARM_OUTCOMES, { example: 'intervention' }) outcome!: AlarmOutcome;
  @TextField({
    max: 4000,
    optional: true,
    example: 'Patrouille sur place à 21 h 58 ; auteur interpellé.',
  })
  note?: string;
}

export class TrackPointDto {
  @ApiProperty() lat!: number;
  @ApiProperty() lon!: number;
  @ApiPropertyOptional() accuracy?: number;
  @ApiProperty({ format: 'date-time' }) occurredAt!: Date;
}

export class SafetyFileDto {
  @ApiProperty() victimName!: string;
  @ApiProperty({ nullable: true, type: String }) victimPhone!: string | null;
  @ApiProperty({ nullable: true, type: String }) victimAddress!: string | null;
  @ApiProperty({ nullable: true, type: String }) preferredLanguage!: string | null;
  @ApiProperty({ nullable: true, type: String }) authorDescription!: string | null;
  @ApiProperty({ type: [String] }) authorWeapons!: string[];
  @ApiProperty({ nullable: true, type: String }) dangerLevel!: string | null;
  @ApiProperty({ type: [String] }) redFlags!: string[];
  @ApiProperty({
    type: [String],
    description: 'Judicial measures in force (contact ban, protection order…).',
  })
  protectionMeasures!: string[];
  @ApiProperty({ type: Number, description: 'Children in the household.' }) children!: number;
}

export class AlarmNoteDto {
  @ApiProperty({ enum: ['call_back', 'police', 'resolution'] }) kind!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() by!: string;
  @ApiProperty({ nullable: true, type: String }) text!: string | null;
  @ApiPropertyOptional({ type: Boolean, description: 'Of a call-back: answered or not.' })
  answered?: boolean;
  @ApiPropertyOptional({
    type: String,
    description: "Of a police contact: the police's reference.",
  })
  reference?: string;
}

export class AlarmDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() caseReference!: string;
  @ApiProperty({ format: 'uuid' }) allocationId!: string;
  @ApiProperty() jurisdiction!: string;
  @ApiProperty({ enum: ALARM_STATUSES }) status!: AlarmStatus;
  @ApiProperty({ nullable: true, type: String }) dangerLevel!: string | null;
  @ApiProperty({ format: 'date-time' }) occurredAt!: Date;
  @ApiProperty({ format: 'date-time' }) receivedAt!: Date;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) firstPushedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) acknowledgedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String }) acknowledgedBy!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) policeCalledAt!: Date | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) resolvedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String }) resolvedBy!: string | null;
  @ApiProperty({ nullable: true, type: String, enum: ALARM_OUTCOMES }) outcome!: string | null;
  @ApiProperty() escalationLevel!: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  nextEscalationAt!: Date | null;
  @ApiProperty({ type: [TrackPointDto] }) track!: TrackPointDto[];
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date-time',
    description:
      'When the prosecutor ordered the track kept 8 days instead of 3 (arrêté of 22 April 2015, art. 5).',
  })
  trackKeptAt!: Date | null;
  @ApiProperty({ nullable: true, type: String }) trackKeptBy!: string | null;
  @ApiProperty({ type: [AlarmNoteDto] }) notes!: AlarmNoteDto[];
  @ApiProperty({ type: SafetyFileDto }) safety!: SafetyFileDto;
}

export class AlarmPageDto {
  @ApiProperty({ type: [AlarmDto] }) items!: AlarmDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
