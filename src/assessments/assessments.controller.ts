import { Body, Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/decorators';
import { ApiProblems, BODY_PROBLEMS } from '../common/api-problems';
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
  @ApiOperation({
    summary: 'Start an assessment',
    description:
      'A draft danger assessment of the case on a questionnaire on file (its latest version unless one is given), pinned to that version.',
  })
  @ApiProblems(BODY_PROBLEMS, { 404: ['not-found'], 409: ['case.closed'] })
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
  @ApiOperation({
    summary: "List a case's assessments",
    description: 'Drafts and submitted assessments of the case, each read audited.',
  })
  @ApiProblems({ 404: ['not-found'] })
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
  @ApiOperation({
    summary: 'Read an assessment',
    description: 'Its answers and, once submitted, its result, override and trend.',
  })
  @ApiProblems({ 404: ['not-found'] })
  @ApiOkResponse({ type: AssessmentDto })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<AssessmentDto> {
    return this.assessments.get(actor, id);
  }

  @Patch('assessments/:id')
  @Roles('coordinator')
  @ApiOperation({
    summary: 'Answer items of a draft',
    description: 'Only a draft takes answers; `null` removes one.',
  })
  @ApiProblems(BODY_PROBLEMS, { 404: ['not-found'], 409: ['assessment.submitted'] })
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
  @ApiOperation({
    summary: 'Submit an assessment',
    description:
      'Every mandatory item answered (400 lists those that are not), the draft is scored, frozen and becomes the case’s assessment in force.',
  })
  @ApiProblems({ 404: ['not-found'], 409: ['assessment.submitted'] })
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
  @ApiOperation({
    summary: 'Override the computed level',
    description:
      'Professional judgement: another level of the questionnaire, with its justification, once per assessment; the computed level stays on record.',
  })
  @ApiProblems(BODY_PROBLEMS, {
    404: ['not-found'],
    409: ['assessment.draft', 'assessment.already-overridden'],
  })
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
