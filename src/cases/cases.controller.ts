import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/decorators';
import { ApiProblems, BODY_PROBLEMS } from '../common/api-problems';
import { UuidParam } from '../common/uuid-param';
import { CaseLifecycleService } from './case-lifecycle.service';
import { CasesService } from './cases.service';
import { ChildrenService } from './children.service';
import {
  CaseDto,
  CaseEventDto,
  CasePageDto,
  CaseQueryDto,
  ChildFollowUpInputDto,
  ChildViewDto,
  CloseCaseDto,
  CreateCaseDto,
  DeclineTransferDto,
  IncidentDto,
  IncomingTransferDto,
  TransferRequestDto,
  UpdateCaseDto,
} from './dto/case.dto';

@ApiTags('cases')
@Controller('cases')
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly lifecycle: CaseLifecycleService,
    private readonly children: ChildrenService,
  ) {}

  @Post()
  @Roles('coordinator')
  @ApiOperation({
    summary: 'Open a case',
    description:
      "Opens the victim's file (victim, author, children, consents) in one of your jurisdictions, with how it came in (`intake`); personal data is stored encrypted and every access is audited. The victim is recognised by a blind index (keyed HMAC of last name with date of birth, and of phone): known within the last 12 months, the case is flagged as a repeat (`repeat`).",
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

  @Get('transfers')
  @Roles('coordinator')
  @ApiOperation({
    summary: 'Transfers awaiting your jurisdictions',
    description:
      'Cases another jurisdiction asks yours to take over: reference, origin, date and reason only (nothing of the victim until you accept). Each is audited as a read.',
  })
  @ApiOkResponse({ type: [IncomingTransferDto] })
  transfers(@CurrentActor() actor: Actor): Promise<IncomingTransferDto[]> {
    return this.lifecycle.incomingTransfers(actor);
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
  @ApiProblems(BODY_PROBLEMS, {
    404: ['not-found'],
    409: ['case.closed', 'case.version-conflict', 'case.child-has-follow-up'],
  })
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
    description:
      'Ends the follow-up by a decision: a reason code and its text (stored encrypted). `danger_ended_two_low_assessments` is accepted only when the two latest submitted assessments are both at the lowest level of their instrument; `reasoned_decision` needs a text of at least 40 characters. A new incident reopens the case.',
  })
  @ApiOkResponse({ type: CaseDto })
  @ApiProblems(BODY_PROBLEMS, {
    404: ['not-found'],
    409: ['case.closed', 'case.closure-not-low'],
  })
  close(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: CloseCaseDto,
  ): Promise<CaseDto> {
    return this.lifecycle.close(actor, id, body);
  }

  @Post(':id/incidents')
  @HttpCode(201)
  @Roles('coordinator')
  @ApiOperation({
    summary: 'Record an incident',
    description:
      "A new incident (when, kind, how it was learned, a note stored encrypted). It applies MARAC's repeat rule again, reopens a closed case (recorded in its history) and announces `case.incident-recorded`.",
  })
  @ApiCreatedResponse({ type: CaseDto, description: 'The case after the incident.' })
  @ApiProblems(BODY_PROBLEMS, { 404: ['not-found'] })
  incident(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: IncidentDto,
  ): Promise<CaseDto> {
    return this.lifecycle.recordIncident(actor, id, body);
  }

  @Get(':id/history')
  @Roles('coordinator', 'prosecutor')
  @ApiOperation({
    summary: 'Read the history of a case',
    description:
      'Incidents, closure decisions, reopenings and transfers, oldest first, with their notes decrypted; audited as a read of the case.',
  })
  @ApiOkResponse({ type: [CaseEventDto] })
  @ApiProblems({ 404: ['not-found'] })
  history(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<CaseEventDto[]> {
    return this.lifecycle.historyOf(actor, id);
  }

  @Post(':id/transfer')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({
    summary: 'Ask another jurisdiction to take the case over',
    description:
      "A victim who moves: the case awaits the target jurisdiction's coordination, which accepts or declines it. Refused while a Grave Danger Phone allocation of this court is active (end it first).",
  })
  @ApiOkResponse({ type: CaseDto })
  @ApiProblems(BODY_PROBLEMS, {
    404: ['not-found'],
    409: ['case.closed', 'case.transfer-pending', 'case.transfer-tgd-active'],
  })
  requestTransfer(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: TransferRequestDto,
  ): Promise<CaseDto> {
    return this.lifecycle.requestTransfer(actor, id, body);
  }

  @Post(':id/transfer/accept')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({
    summary: 'Accept a transfer',
    description:
      "By a coordinator of the target jurisdiction: the case moves there with its whole history (same id), the caller becomes its coordinator, and the old jurisdiction's access ends. Announces `case.transferred`.",
  })
  @ApiOkResponse({ type: CaseDto })
  @ApiProblems({
    403: [['forbidden', 'only a coordinator of the target jurisdiction accepts']],
    404: ['not-found'],
    409: ['case.closed', 'case.no-transfer-pending', 'case.transfer-tgd-active'],
  })
  acceptTransfer(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<CaseDto> {
    return this.lifecycle.acceptTransfer(actor, id);
  }

  @Post(':id/transfer/decline')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({
    summary: 'Decline (or withdraw) a transfer',
    description:
      "By a coordinator of the target jurisdiction (declines) or of the case's own (withdraws the request); the case stays where it is.",
  })
  @ApiOkResponse({ type: CaseDto })
  @ApiProblems(BODY_PROBLEMS, {
    404: ['not-found'],
    409: ['case.closed', 'case.no-transfer-pending'],
  })
  declineTransfer(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: DeclineTransferDto,
  ): Promise<CaseDto> {
    return this.lifecycle.declineTransfer(actor, id, body);
  }

  @Get(':id/children/:childId/follow-up')
  @Roles('coordinator', 'prosecutor')
  @ApiOperation({
    summary: "Read a child's follow-up",
    description:
      "The child (age, exposed or victim, school or childcare contact) with its follow-up, oldest first: psychologist, workshops attended, referral to the children's judge. Audited as a read of the case.",
  })
  @ApiOkResponse({ type: ChildViewDto })
  @ApiProblems({ 404: ['not-found'] })
  childFollowUp(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('childId') childId: string,
  ): Promise<ChildViewDto> {
    return this.children.followUp(actor, id, childId);
  }

  @Post(':id/children/:childId/follow-up')
  @HttpCode(201)
  @Roles('coordinator')
  @ApiOperation({
    summary: "Record a child's follow-up",
    description:
      'One entry: `psychologist` (partner, first appointment, ongoing), `workshop` (a day attended; La cabane takes children aged 5 to 10, any other age is refused with 409 case.child-workshop-age), or `childrens_judge` (referral to the juge des enfants: date, by whom, reference). Stored encrypted with the case, audited, and recorded in the case history (kind only).',
  })
  @ApiCreatedResponse({ type: ChildViewDto, description: 'The child with its follow-up.' })
  @ApiProblems(BODY_PROBLEMS, {
    404: ['not-found'],
    409: ['case.closed', 'case.child-workshop-age'],
  })
  recordChildFollowUp(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('childId') childId: string,
    @Body() body: ChildFollowUpInputDto,
  ): Promise<ChildViewDto> {
    return this.children.record(actor, id, childId, body);
  }
}
