import { Body, Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';

import { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/decorators';
import { UuidParam } from '../common/uuid-param';
import { AssessmentsService } from './assessments.service';
import {
  AssessmentDto,
  CreateAssessmentDto,
  OverrideDto,
  UpdateAnswersDto,
} from './dto/assessment.dto';

@ApiTags('assessments')
@Controller()
export class AssessmentsController {
  constructor(private readonly assessments: AssessmentsService) {}

  @Post('cases/:caseId/assessments')
  @Roles('coordinator')
  @ApiCreatedResponse({
    type: AssessmentDto,
    description: 'A draft on the chosen questionnaire version.',
  })
  create(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @Body() body: CreateAssessmentDto,
  ): Promise<AssessmentDto> {
    return this.assessments.create(actor, caseId, body);
  }

  @Get('cases/:caseId/assessments')
  @Roles('coordinator', 'prosecutor')
  @ApiOkResponse({
    type: [AssessmentDto],
    description: "The case's assessments, newest first, with their trend.",
  })
  history(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
  ): Promise<AssessmentDto[]> {
    return this.assessments.history(actor, caseId);
  }

  @Get('assessments/:id')
  @Roles('coordinator', 'prosecutor')
  @ApiOkResponse({ type: AssessmentDto })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<AssessmentDto> {
    return this.assessments.get(actor, id);
  }

  @Patch('assessments/:id')
  @Roles('coordinator')
  @ApiOkResponse({
    type: AssessmentDto,
    description: 'Answers merged into the draft, each checked against its item.',
  })
  update(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: UpdateAnswersDto,
  ): Promise<AssessmentDto> {
    return this.assessments.updateAnswers(actor, id, body);
  }

  @Post('assessments/:id/submit')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOkResponse({
    type: AssessmentDto,
    description: 'Evaluated and frozen; the result explains the level.',
  })
  submit(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<AssessmentDto> {
    return this.assessments.submit(actor, id);
  }

  @Post('assessments/:id/override')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOkResponse({
    type: AssessmentDto,
    description: 'Professional judgement recorded beside the computed level.',
  })
  override(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: OverrideDto,
  ): Promise<AssessmentDto> {
    return this.assessments.override(actor, id, body);
  }
}
