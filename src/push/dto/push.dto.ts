import { ApiProperty } from '@nestjs/swagger';

import { BooleanField, EnumField, PatternField } from '../../common/dto/fields';

export class RegisterPushTokenDto {
  @PatternField({
    pattern: /^[A-Za-z0-9_:.-]{20,4096}$/,
    max: 4096,
    message: 'must be an FCM registration token',
    description: 'The FCM registration token of your phone.',
    example: 'dGhpcy1pcy1h:APA91bFictitious_registration_token-0123456789',
  })
  token!: string;

  @EnumField(['android', 'ios', 'web'] as const, { example: 'android' }) platform!:
    'android' | 'ios' | 'web';
}

export class DutyDto {
  @BooleanField({
    description: 'On duty: receives the alarms of your jurisdictions.',
    example: true,
  })
  onDuty!: boolean;
  @BooleanField({
    optional: true,
    description: 'Supervisors also receive every escalation, on duty or not.',
    example: false,
  })
  supervisor?: boolean;
  @BooleanField({
    optional: true,
    description:
      'Going off duty as the last operator reachable in a jurisdiction with enrolled victims is refused (409 last-on-duty, naming the jurisdictions) unless confirmed with true.',
    example: false,
  })
  confirmUncovered?: boolean;
}

export class PushTokenDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() platform!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
}

export class OperatorDto {
  @ApiProperty() operatorId!: string;
  @ApiProperty() onDuty!: boolean;
  @ApiProperty() supervisor!: boolean;
  @ApiProperty({ type: [String] }) jurisdictions!: string[];
  @ApiProperty({ type: [PushTokenDto] }) tokens!: PushTokenDto[];
  @ApiProperty({
    description: 'False when no FCM project is configured: alarms reach the live feed only.',
  })
  pushEnabled!: boolean;
}
