import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import { DateTimeField, EnumField, JurisdictionField } from '../../common/dto/fields';

export class AlarmStatisticsQueryDto {
  @DateTimeField({
    description: 'From (inclusive), by receipt time.',
    example: '2026-10-01T00:00:00+02:00',
  })
  from!: string;
  @DateTimeField({ description: 'To (exclusive).', example: '2026-11-01T00:00:00+01:00' })
  to!: string;
  @JurisdictionField({ optional: true }) jurisdiction?: string;
  @EnumField(['true', 'false'] as const, {
    optional: true,
    description:
      'true: leave out alarms resolved as a test, a false alarm or a technical fault (default: all alarms).',
  })
  genuineOnly?: 'true' | 'false';
  @EnumField(['json', 'csv'] as const, {
    optional: true,
    description: 'csv: the figures as text/csv, a row per group.',
  })
  format?: 'json' | 'csv';
}

export class DurationDto {
  @ApiProperty({ nullable: true, type: Number, description: 'Median, seconds.' }) median!:
    number | null;
  @ApiProperty({ nullable: true, type: Number, description: '95th percentile, seconds.' }) p95!:
    number | null;
}

export class TargetShareDto {
  @ApiProperty({ example: 10 }) seconds!: number;
  @ApiProperty({ example: 0.8, description: 'The share the standard asks for.' }) goal!: number;
  @ApiProperty({ example: 'BS 8484' }) standard!: string;
  @ApiProperty({ description: 'Alarms acknowledged within the target.' }) count!: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'count ÷ alarms (an alarm never acknowledged counts as a miss).',
  })
  share!: number | null;
  @ApiProperty() met!: boolean;
}

export class AlarmFiguresDto {
  @ApiProperty({ enum: ['all', 'jurisdiction', 'operator', 'month'] }) scope!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The jurisdiction, the operator (who acknowledged first) or the month (YYYY-MM).',
  })
  key!: string | null;
  @ApiProperty() alarms!: number;
  @ApiProperty() acknowledged!: number;
  @ApiProperty({ type: [TargetShareDto] }) targets!: TargetShareDto[];
  @ApiProperty({ type: DurationDto }) receiptToPush!: DurationDto;
  @ApiProperty({ type: DurationDto }) receiptToAcknowledgement!: DurationDto;
  @ApiProperty({ type: DurationDto }) acknowledgementToPolice!: DurationDto;
}

export class AlarmMissDto {
  @ApiProperty({ format: 'uuid' }) alarmId!: string;
  @ApiProperty() caseReference!: string;
  @ApiProperty() jurisdiction!: string;
  @ApiProperty({ format: 'date-time' }) receivedAt!: Date;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) acknowledgedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String }) acknowledgedBy!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Null: never acknowledged.' })
  answerSeconds!: number | null;
  @ApiProperty({ type: [Number], example: [10, 40] }) missedTargets!: number[];
  @ApiPropertyOptional({ nullable: true, type: String }) outcome!: string | null;
}

export class AlarmStatisticsDto {
  @ApiProperty({ format: 'date-time' }) from!: Date;
  @ApiProperty({ format: 'date-time' }) to!: Date;
  @ApiProperty() genuineOnly!: boolean;
  @ApiProperty({ example: 'Europe/Paris', description: 'Months are cut in this time zone.' })
  timeZone!: string;
  @ApiProperty({ type: AlarmFiguresDto }) overall!: AlarmFiguresDto;
  @ApiProperty({ type: [AlarmFiguresDto] }) byJurisdiction!: AlarmFiguresDto[];
  @ApiProperty({ type: [AlarmFiguresDto] }) byOperator!: AlarmFiguresDto[];
  @ApiProperty({ type: [AlarmFiguresDto] }) byMonth!: AlarmFiguresDto[];
  @ApiProperty({
    type: [AlarmMissDto],
    description: 'Alarms that missed the 10 s target, the slowest first (at most 500).',
  })
  misses!: AlarmMissDto[];
}
