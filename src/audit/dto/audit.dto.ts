import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

import { PageQuery } from '../../common/dto/page';

export class AuditQueryDto extends PageQuery {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The whole trail of a case (its decisions, allocations, alarms…), oldest first.',
  })
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({
    enum: ['json', 'csv'],
    description: 'csv: the same page as text/csv, for a data-protection officer.',
  })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';

  @ApiPropertyOptional({ format: 'uuid', description: 'Records about this entity.' })
  @IsOptional()
  @IsUUID()
  entityId?: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'Records of this actor (token subject).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  actorId?: string;

  @ApiPropertyOptional({ maxLength: 64, example: 'case.read' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  action?: string;
}

export class AuditRecordDto {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: Date;
  @ApiProperty() actorId!: string;
  @ApiProperty() actorRole!: string;
  @ApiProperty({ example: 'case.read' }) action!: string;
  @ApiProperty({ example: 'case' }) entityType!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) entityId!: string | null;
  @ApiProperty({ nullable: true, type: String }) jurisdiction!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) caseId!: string | null;
  @ApiProperty({ nullable: true, type: String }) requestId!: string | null;
  @ApiProperty({ enum: ['success', 'denied', 'not_found', 'rejected'] }) outcome!: string;
  @ApiProperty({ nullable: true, type: Object }) detail!: Record<string, unknown> | null;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditRecordDto] }) items!: AuditRecordDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
