import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/decorators';
import { UuidParam } from '../common/uuid-param';
import { OperatorDto, PushTokenDto, RegisterPushTokenDto } from './dto/push.dto';
import { PushService } from './push.service';

@ApiTags('operators')
@Controller('operators/me')
export class OperatorsController {
  constructor(private readonly push: PushService) {}

  @Get()
  @Roles('operator')
  @ApiOkResponse({ type: OperatorDto })
  me(@CurrentActor() actor: Actor): Promise<OperatorDto> {
    return this.push.operator(actor);
  }

  @Post('push-tokens')
  @Roles('operator')
  @ApiCreatedResponse({ type: PushTokenDto })
  register(
    @CurrentActor() actor: Actor,
    @Body() body: RegisterPushTokenDto,
  ): Promise<PushTokenDto> {
    return this.push.registerToken(actor, body);
  }

  @Delete('push-tokens/:id')
  @HttpCode(204)
  @Roles('operator')
  @ApiNoContentResponse()
  remove(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<void> {
    return this.push.removeToken(actor, id);
  }
}
