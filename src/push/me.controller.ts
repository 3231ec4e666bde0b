import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';

import { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/decorators';
import { ApiProblems, BODY_PROBLEMS } from '../common/api-problems';
import { UuidParam } from '../common/uuid-param';
import { PushTokenDto, RegisterPushTokenDto } from './dto/push.dto';
import { OperatorRoster } from './operator-roster';

const PHONE_OWNERS = ['coordinator', 'prosecutor', 'operator', 'admin', 'partner'] as const;

/**
 * Any staff member's phones: coordinators and prosecutors get the follow-up obligations they answer
 * for, operators their alarms, a partner's staff what is referred or assigned to their organisation.
 */
@ApiTags('push')
@Controller('me/push-tokens')
export class MeController {
  constructor(private readonly roster: OperatorRoster) {}

  @Get()
  @Roles(...PHONE_OWNERS)
  @ApiOperation({
    summary: 'List your phones',
    description: 'The phones registered for your push notifications.',
  })
  @ApiOkResponse({ type: [PushTokenDto] })
  list(@CurrentActor() actor: Actor): Promise<PushTokenDto[]> {
    return this.roster.tokensOf(actor);
  }

  @Post()
  @Roles(...PHONE_OWNERS)
  @ApiOperation({
    summary: 'Register a phone',
    description:
      "Registers your phone's FCM token for push notifications (alarms, follow-up obligations; for a partner's staff, new referrals and concertation actions of their organisation); a token registered again moves to you.",
  })
  @ApiProblems(BODY_PROBLEMS)
  @ApiCreatedResponse({ type: PushTokenDto })
  register(
    @CurrentActor() actor: Actor,
    @Body() body: RegisterPushTokenDto,
  ): Promise<PushTokenDto> {
    return this.roster.registerToken(actor, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(...PHONE_OWNERS)
  @ApiOperation({
    summary: 'Remove a phone',
    description: 'Your phone no longer receives push notifications.',
  })
  @ApiProblems({ 404: ['not-found'] })
  @ApiNoContentResponse()
  remove(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<void> {
    return this.roster.removeToken(actor, id);
  }
}
