import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/decorators';
import { ApiProblems, BODY_PROBLEMS } from '../common/api-problems';
import { UuidParam } from '../common/uuid-param';
import {
  CompleteObligationDto,
  ObligationDto,
  ObligationPageDto,
  ObligationQueryDto,
  WaiveObligationDto,
} from './dto/obligation.dto';
import { ObligationsService } from './obligations.service';

@ApiTags('obligations')
@Controller()
export class ObligationsController {
  constructor(private readonly obligations: ObligationsService) {}

  @Get('cases/:caseId/obligations')
  @Roles('coordinator', 'prosecutor')
  @ApiOperation({
    summary: "List a case's obligations",
    description:
      'The follow-up obligations of the case (reviews, renewals, hand-backs…), open and closed.',
  })
  @ApiProblems({ 404: ['not-found'] })
  @ApiOkResponse({
    type: [ObligationDto],
    description: 'Every obligation of the case, by deadline.',
  })
  ofCase(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
  ): Promise<ObligationDto[]> {
    return this.obligations.ofCase(actor, caseId);
  }

  @Get('obligations')
  @Roles('coordinator', 'prosecutor')
  @ApiOperation({
    summary: 'Follow-up worklist',
    description:
      'Open obligations of your jurisdictions, by state, jurisdiction or who answers for them.',
  })
  @ApiOkResponse({
    type: ObligationPageDto,
    description:
      'The worklist: open obligations, overdue first, then due, then upcoming, by deadline.',
  })
  worklist(
    @CurrentActor() actor: Actor,
    @Query() query: ObligationQueryDto,
  ): Promise<ObligationPageDto> {
    return this.obligations.worklist(actor, query);
  }

  @Post('obligations/:id/complete')
  @HttpCode(200)
  @Roles('coordinator', 'prosecutor')
  @ApiOperation({
    summary: 'Complete an obligation',
    description: 'Records what was done; a repeating obligation plans its next occurrence.',
  })
  @ApiProblems(BODY_PROBLEMS, { 404: ['not-found'], 409: ['obligation.closed'] })
  @ApiOkResponse({ type: ObligationDto })
  complete(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: CompleteObligationDto,
  ): Promise<ObligationDto> {
    return this.obligations.complete(actor, id, body.note);
  }

  @Post('obligations/:id/waive')
  @HttpCode(200)
  @Roles('coordinator', 'prosecutor')
  @ApiOperation({
    summary: 'Waive an obligation',
    description: 'Records why it does not apply.',
  })
  @ApiProblems(BODY_PROBLEMS, {
    403: [['forbidden', "the obligation's template does not let your role waive it"]],
    404: ['not-found'],
    409: ['obligation.closed'],
  })
  @ApiOkResponse({
    type: ObligationDto,
    description:
      "Waived with a reason, by a role the obligation's template allows (403 otherwise).",
  })
  waive(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: WaiveObligationDto,
  ): Promise<ObligationDto> {
    return this.obligations.waive(actor, id, body.reason);
  }
}
