import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/decorators';
import { ApiProblems, BODY_PROBLEMS } from '../common/api-problems';
import { UuidParam } from '../common/uuid-param';
import { CasesService } from './cases.service';
import {
  CaseDto,
  CasePageDto,
  CaseQueryDto,
  CloseCaseDto,
  CreateCaseDto,
  UpdateCaseDto,
} from './dto/case.dto';

@ApiTags('cases')
@Controller('cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Post()
  @Roles('coordinator')
  @ApiOperation({
    summary: 'Open a case',
    description:
      "Opens the victim's file (victim, author, children, consents) in one of your jurisdictions; personal data is stored encrypted and every access is audited.",
  })
  @ApiCreatedResponse({ type: CaseDto })
  @ApiProblems(BODY_PROBLEMS, {
    403: [['forbidden', 'the jurisdiction is not one of yours']],
  })
  create(@CurrentActor() actor: Actor, @Body() body: CreateCaseDto): Promise<CaseDto> {
    return this.cases.create(actor, body);
  }

  @Get()
  @Roles('coordinator', 'prosecutor')
  @ApiOperation({
    summary: 'List cases',
    description:
      'Cases of your jurisdictions, by jurisdiction, status or coordinator; each read is audited.',
  })
  @ApiOkResponse({ type: CasePageDto, description: 'Cases in your jurisdictions, newest first.' })
  list(@CurrentActor() actor: Actor, @Query() query: CaseQueryDto): Promise<CasePageDto> {
    return this.cases.list(actor, query);
  }

  @Get(':id')
  @Roles('coordinator', 'prosecutor')
  @ApiOperation({
    summary: 'Read a case',
    description: 'The whole victim file; the read is audited.',
  })
  @ApiOkResponse({ type: CaseDto })
  @ApiProblems({ 404: ['not-found'] })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<CaseDto> {
    return this.cases.get(actor, id);
  }

  @Patch(':id')
  @Roles('coordinator')
  @ApiOperation({
    summary: 'Update a case',
    description:
      'Fields given replace the stored ones (inside victim and author, only the keys given; null clears an optional field). Consents given are added to the record, never replace it.',
  })
  @ApiOkResponse({ type: CaseDto })
  @ApiProblems(BODY_PROBLEMS, { 404: ['not-found'], 409: ['case.closed', 'case.version-conflict'] })
  update(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: UpdateCaseDto,
  ): Promise<CaseDto> {
    return this.cases.update(actor, id, body);
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({
    summary: 'Close a case',
    description: 'Ends the follow-up with its reason; a closed case is frozen.',
  })
  @ApiOkResponse({ type: CaseDto })
  @ApiProblems(BODY_PROBLEMS, { 404: ['not-found'], 409: ['case.closed'] })
  close(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: CloseCaseDto,
  ): Promise<CaseDto> {
    return this.cases.close(actor, id, body);
  }
}
