import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Post,
  Put,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';

import { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/decorators';
import { ApiProblems, BODY_PROBLEMS } from '../common/api-problems';
import { UuidParam } from '../common/uuid-param';
import { ConcertationService } from './concertation.service';
import {
  ActionDto,
  AgendaCaseDto,
  CreateActionDto,
  CreateDecisionDto,
  CreateMeetingDto,
  MeetingDto,
  MeetingSummaryDto,
  ParticipantsDto,
  PartnerActionDto,
} from './dto/concertation.dto';

/** Concertation meetings of a network: agenda, partners, decisions, actions, minutes (issue #17). */
@ApiTags('concertation')
@Controller()
export class ConcertationController {
  constructor(private readonly concertation: ConcertationService) {}

  @Post('concertation-meetings')
  @Roles('coordinator', 'admin')
  @ApiOperation({
    summary: 'Schedule a concertation meeting',
    description:
      "A meeting of a network covering a jurisdiction you act in: a concertation cell, a quarterly partners' platform or a MARAC-style risk meeting. Its agenda is proposed from the open cases of the network's jurisdictions you act in: the level in force among the top two of the case's instrument (`highest_level`), or a repeat within 12 months (`repeat`), the highest levels first. Only references, levels, the repeat flag and the coordinator: never the victim's identity.",
  })
  @ApiCreatedResponse({ type: MeetingDto })
  @ApiProblems(BODY_PROBLEMS, { 409: ['concertation.network-not-covering'] })
  schedule(@CurrentActor() actor: Actor, @Body() body: CreateMeetingDto): Promise<MeetingDto> {
    return this.concertation.schedule(actor, body);
  }

  @Get('concertation-meetings')
  @Roles('coordinator', 'admin')
  @ApiOperation({
    summary: 'Concertation meetings',
    description: 'The meetings scheduled in your jurisdictions, the latest first.',
  })
  @ApiOkResponse({ type: [MeetingSummaryDto] })
  list(@CurrentActor() actor: Actor): Promise<MeetingSummaryDto[]> {
    return this.concertation.list(actor);
  }

  @Get('concertation-meetings/:id')
  @Roles('coordinator', 'admin')
  @ApiOperation({
    summary: 'One concertation meeting',
    description: 'Its agenda, participants, decisions and actions. Audited.',
  })
  @ApiOkResponse({ type: MeetingDto })
  @ApiProblems({ 404: ['not-found'] })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<MeetingDto> {
    return this.concertation.get(actor, id);
  }

  @Post('concertation-meetings/:id/agenda')
  @HttpCode(200)
  @Roles('coordinator', 'admin')
  @ApiOperation({
    summary: 'Add a case to the agenda',
    description:
      "An open case of the network's jurisdictions that you act in; its reasons say `added`. Adding a case already there changes nothing.",
  })
  @ApiOkResponse({ type: MeetingDto })
  @ApiProblems(BODY_PROBLEMS, {
    404: ['not-found'],
    409: ['concertation.case-not-in-network'],
  })
  addToAgenda(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: AgendaCaseDto,
  ): Promise<MeetingDto> {
    return this.concertation.addToAgenda(actor, id, body.caseId);
  }

  @Post('concertation-meetings/:id/agenda/refresh')
  @HttpCode(200)
  @Roles('coordinator', 'admin')
  @ApiOperation({
    summary: 'Propose the agenda again',
    description:
      "Before the meeting: the open cases of the network's jurisdictions you act in that qualify now (level among the two highest in force, or a repeat) join the agenda; what is on it stays, and a case taken off by hand stays off (adding it by hand puts it back). Each case read is audited, and the change.",
  })
  @ApiOkResponse({ type: MeetingDto })
  @ApiProblems({ 404: ['not-found'] })
  refreshAgenda(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<MeetingDto> {
    return this.concertation.refreshAgenda(actor, id);
  }

  @Delete('concertation-meetings/:id/agenda/:caseId')
  @Roles('coordinator', 'admin')
  @ApiOperation({
    summary: 'Remove a case from the agenda',
    description: 'Its decisions and actions already recorded stay.',
  })
  @ApiOkResponse({ type: MeetingDto })
  @ApiProblems({ 404: ['not-found'], 409: ['concertation.case-not-on-agenda'] })
  removeFromAgenda(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('caseId') caseId: string,
  ): Promise<MeetingDto> {
    return this.concertation.removeFromAgenda(actor, id, caseId);
  }

  @Put('concertation-meetings/:id/participants')
  @Roles('coordinator', 'admin')
  @ApiOperation({
    summary: 'Invite partners and record attendance',
    description:
      "The partner organisations invited (active partners of the meeting's network, from the directory), each with its attendance once recorded; replaces the list.",
  })
  @ApiOkResponse({ type: MeetingDto })
  @ApiProblems(BODY_PROBLEMS, {
    404: ['not-found'],
    409: ['concertation.partner-not-in-network'],
  })
  participants(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: ParticipantsDto,
  ): Promise<MeetingDto> {
    return this.concertation.setParticipants(actor, id, body);
  }

  @Post('concertation-meetings/:id/decisions')
  @HttpCode(200)
  @Roles('coordinator', 'admin')
  @ApiOperation({
    summary: 'Record a decision',
    description: 'What the meeting decided on an agenda case; sealed at rest.',
  })
  @ApiOkResponse({ type: MeetingDto })
  @ApiProblems(BODY_PROBLEMS, { 404: ['not-found'], 409: ['concertation.case-not-on-agenda'] })
  decision(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: CreateDecisionDto,
  ): Promise<MeetingDto> {
    return this.concertation.addDecision(actor, id, body);
  }

  @Post('concertation-meetings/:id/actions')
  @HttpCode(200)
  @Roles('coordinator', 'admin')
  @ApiOperation({
    summary: 'Assign an action to a partner',
    description:
      'On an agenda case, to an active partner of the network, with its deadline; what is to be done is sealed at rest. Announces `concertation.action-assigned`, which plans a follow-up obligation of the case (`concertation_action`) due at the deadline.',
  })
  @ApiOkResponse({ type: MeetingDto })
  @ApiProblems(BODY_PROBLEMS, {
    404: ['not-found'],
    409: [
      'concertation.case-not-on-agenda',
      'concertation.partner-not-in-network',
      'concertation.case-not-in-network',
    ],
  })
  action(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: CreateActionDto,
  ): Promise<MeetingDto> {
    return this.concertation.addAction(actor, id, body);
  }

  @Get('concertation-meetings/:id/minutes.pdf')
  @Roles('coordinator', 'admin')
  @ApiOperation({
    summary: 'Print the minutes',
    description:
      'The minutes as a PDF in French: network, date, kind, attendees, the agenda by case reference with its decisions and actions (partner, deadline); page numbers and confidentiality footer on every page. Never the victim’s identity. Audited.',
  })
  @ApiProblems({ 404: ['not-found'] })
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description: 'The minutes (PDF).',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  @Header('Cache-Control', 'no-store')
  async minutes(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
  ): Promise<StreamableFile> {
    const pdf = await this.concertation.minutes(actor, id);
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `inline; filename="concertation-${id}.pdf"`,
      length: pdf.length,
    });
  }

  @Get('concertation-actions')
  @Roles('partner')
  @ApiOperation({
    summary: "The partner organisation's concertation actions",
    description:
      'The actions assigned to your organisation (your token names it), open ones first: the case reference, the action, its deadline. Nothing else of the case. Audited.',
  })
  @ApiOkResponse({ type: [PartnerActionDto] })
  partnerActions(@CurrentActor() actor: Actor): Promise<PartnerActionDto[]> {
    return this.concertation.partnerActions(actor);
  }

  @Post('concertation-actions/:id/done')
  @HttpCode(200)
  @Roles('partner', 'coordinator', 'admin')
  @ApiOperation({
    summary: 'Mark an action done',
    description:
      "The partner its organisation's, the coordinator within the case's jurisdiction. Announces `concertation.action-done`, which completes the follow-up obligation.",
  })
  @ApiOkResponse({ type: ActionDto })
  @ApiProblems({
    404: ['not-found'],
    409: ['concertation.action-done', 'concertation.action-cancelled'],
  })
  done(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<ActionDto> {
    return this.concertation.markDone(actor, id);
  }
}
