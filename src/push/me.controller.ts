import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';

import { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/decorators';
import { UuidParam } from '../common/uuid-param';
import { PushTokenDto, RegisterPushTokenDto } from './dto/push.dto';
import { OperatorRoster } from './operator-roster';

const STAFF = ['coordinator', 'prosecutor', 'operator', 'admin'] as const;

/**
 * Any staff member's phones: coordinators and prosecutors get the follow-up obligations they answer
 * for, operators their alarms.
 */
@ApiTags('push')
@Controller('me/push-tokens')
export class MeController {
  constructor(private readonly roster: OperatorRoster) {}

  @Get()
  @Roles(...STAFF)
  @ApiOkResponse({ type: [PushTokenDto] })
  list(@CurrentActor() actor: Actor): Promise<PushTokenDto[]> {
    return this.roster.tokensOf(actor);
  }

  @Post()
  @Roles(...STAFF)
  @ApiCreatedResponse({ type: PushTokenDto })
  register(
    @CurrentActor() actor: Actor,
    @Body() body: RegisterPushTokenDto,
  ): Promise<PushTokenDto> {
    return this.roster.registerToken(actor, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(...STAFF)
  @ApiNoContentResponse()
  remove(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<void> {
    return this.roster.removeToken(actor, id);
  }
}
