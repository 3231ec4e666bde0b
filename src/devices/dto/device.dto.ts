import { ApiProperty } from '@nestjs/swagger';

import {
  EnumField,
  JurisdictionField,
  PatternField,
  PhoneField,
  TextField,
} from '../../common/dto/fields';
import { PageQuery } from '../../common/dto/page';
import { DEVICE_STATUSES, DeviceStatus, MANUAL_STATUSES } from '../domain/device';

export class RegisterDeviceDto {
  @PatternField({
    pattern: /^[A-Za-z0-9-]{3,64}$/,
    max: 64,
    message: 'must be 3 to 64 letters, digits or dashes',
    example: 'TGD-82-0042',
  })
  serialNumber!: string;

  @PatternField({
    pattern: /^\d{15}$/,
    max: 15,
    message: 'must be the 15 digits of an IMEI',
    example: '490154203237518',
  })
  imei!: string;

  @PhoneField({ example: '+33612345678' }) phoneNumber!: string;

  @TextField({ max: 100, example: 'Alcatel 2053' }) model!: string;

  @JurisdictionField({ description: 'The court whose stock holds the device.' })
  jurisdiction!: string;
}

export class DeviceQueryDto extends PageQuery {
  @EnumField(DEVICE_STATUSES, { optional: true }) status?: DeviceStatus;
  @JurisdictionField({ optional: true }) jurisdiction?: string;
}

export class DeviceStatusDto {
  @EnumField(MANUAL_STATUSES, {
    description: '`assigned` is set by assigning the device to an allocation.',
    example: 'maintenance',
  })
  status!: (typeof MANUAL_STATUSES)[number];

  @TextField({ max: 1000, optional: true, example: 'Écran fissuré, envoyé en réparation.' })
  note?: string;
}

export class DeviceAssignmentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) deviceId!: string;
  @ApiProperty({ format: 'uuid' }) allocationId!: string;
  @ApiProperty({ format: 'date-time' }) assignedAt!: Date;
  @ApiProperty() assignedBy!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) returnedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String }) returnedBy!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'swapped' }) returnReason!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'faulty' }) returnCondition!: string | null;
}

export class DeviceDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() serialNumber!: string;
  @ApiProperty() imei!: string;
  @ApiProperty() phoneNumber!: string;
  @ApiProperty() model!: string;
  @ApiProperty() jurisdiction!: string;
  @ApiProperty({ enum: DEVICE_STATUSES }) status!: DeviceStatus;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ format: 'date-time' }) updatedAt!: Date;
  @ApiProperty() version!: number;
}

export class DeviceWithHistoryDto extends DeviceDto {
  @ApiProperty({
    type: [DeviceAssignmentDto],
    description: 'Every hand-over and return, newest first.',
  })
  assignments!: DeviceAssignmentDto[];
}

export class DevicePageDto {
  @ApiProperty({ type: [DeviceDto] }) items!: DeviceDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class DeviceStockDto {
  @ApiProperty({ example: 'FR-82' }) jurisdiction!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { available: 4, assigned: 11, maintenance: 1, lost: 0, retired: 2 },
  })
  counts!: Record<DeviceStatus, number>;
}
