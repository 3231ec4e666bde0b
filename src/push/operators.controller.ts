import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/decorators';
import { OperatorDto } from './dto/push.dto';
import { OperatorRoster } from './operator-roster';

/** The operator's own state: duty, jurisdictions, phones (registered under /me/push-tokens). */
@ApiTags('operators')
@Controller('operators/me')
export class OperatorsController {
  constructor(private readonly roster: OperatorRoster) {}

  @Get()
  @Roles('operator')
  @ApiOperation({
    summary: 'Your operator state',
    description:
      'Whether you are on duty or a supervisor, your jurisdictions and your registered phones.',
  })
  @ApiOkResponse({ type: OperatorDto })
  me(@CurrentActor() actor: Actor): Promise<OperatorDto> {
    return this.roster.operator(actor);
  }
}
