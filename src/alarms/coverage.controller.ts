import { Body, Controller, Put } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';

import { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/decorators';
import { DutyDto, OperatorDto } from '../push/dto/push.dto';
import { CoverageService } from './coverage.service';

@ApiTags('operators')
@Controller('operators/me')
export class CoverageController {
  constructor(private readonly coverage: CoverageService) {}

  @Put('duty')
  @Roles('operator')
  @ApiOkResponse({ type: OperatorDto })
  @ApiConflictResponse({
    description:
      'code last-on-duty: you are the last operator reachable on duty in the jurisdictions named in uncoveredJurisdictions; send confirmUncovered: true to go off duty anyway.',
  })
  duty(@CurrentActor() actor: Actor, @Body() body: DutyDto): Promise<OperatorDto> {
    return this.coverage.setDuty(actor, body);
  }
}
