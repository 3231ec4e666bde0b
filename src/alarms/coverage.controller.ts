import { Body, Controller, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/decorators';
import { ApiProblems, BODY_PROBLEMS } from '../common/api-problems';
import { DutyDto, OperatorDto } from '../push/dto/push.dto';
import { CoverageService } from './coverage.service';

@ApiTags('operators')
@Controller('operators/me')
export class CoverageController {
  constructor(private readonly coverage: CoverageService) {}

  @Put('duty')
  @Roles('operator')
  @ApiOperation({
    summary: 'Go on or off duty',
    description:
      'On duty, you receive the alarms of your jurisdictions; coming on duty pages you at once with the open alarms no phone has accepted.',
  })
  @ApiProblems(BODY_PROBLEMS, { 409: ['last-on-duty'] })
  @ApiOkResponse({ type: OperatorDto })
  duty(@CurrentActor() actor: Actor, @Body() body: DutyDto): Promise<OperatorDto> {
    return this.coverage.setDuty(actor, body);
  }
}
