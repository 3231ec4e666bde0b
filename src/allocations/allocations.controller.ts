import { Body, Controller, Get, HttpCode, MessageEvent, Post, Query, Sse } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Observable } from 'rxjs';

import { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/decorators';
import { ApiProblems, BODY_PROBLEMS } from '../common/api-problems';
import { ApiLiveFeed, LastEventId, liveEvents } from '../common/live/sse';
import { UuidParam } from '../common/uuid-param';
import { AllocationsService } from './allocations.service';
import {
  AllocationDto,
  AllocationPageDto,
  AllocationQueryDto,
  AssignDeviceDto,
  EndAllocationDto,
  FileTgdRequestDto,
  RenewalDto,
  ReturnDeviceDto,
  SwapDeviceDto,
  TgdDecisionDto,
  TgdRequestCountDto,
  TgdRequestDto,
  TgdRequestFilterDto,
  TgdRequestPageDto,
  TgdRequestQueryDto,
} from './dto/allocation.dto';
import { TgdRequestFeed } from './tgd-request-feed';
import { TgdRequestsService } from './tgd-requests.service';

@ApiTags('tgd')
@Controller()
export class AllocationsController {
  constructor(
    private readonly requests: TgdRequestsService,
    private readonly allocations: AllocationsService,
    private readonly feed: TgdRequestFeed,
  ) {}

  @Post('cases/:caseId/tgd-requests')
  @Roles('coordinator')
  @ApiOperation({
    summary: 'Request a Grave Danger Phone',
    description:
      "Files the coordinator's request (téléphone grave danger, CPP art. 41-3-1) on a submitted assessment of the case, with the victim's express consent recorded.",
  })
  @ApiProblems(BODY_PROBLEMS, {
    404: ['not-found'],
    409: [
      'case.closed',
      'assessment.draft',
      'consent.missing',
      'allocation.active-exists',
      'tgd-request.pending-exists',
    ],
  })
  @ApiCreatedResponse({
    type: TgdRequestDto,
    description: "Filed with the victim's recorded consent.",
  })
  file(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @Body() body: FileTgdRequestDto,
  ) {
    return this.requests.fileRequest(actor, caseId, body);
  }

  @Get('cases/:caseId/tgd-requests')
  @Roles('coordinator', 'prosecutor')
  @ApiOperation({
    summary: "List a case's TGD requests",
    description: 'Every request of the case and its decision.',
  })
  @ApiProblems({ 404: ['not-found'] })
  @ApiOkResponse({ type: [TgdRequestDto] })
  requestsOfCase(@CurrentActor() actor: Actor, @UuidParam('caseId') caseId: string) {
    return this.requests.requestsOfCase(actor, caseId);
  }

  @Get('tgd-requests')
  @Roles('coordinator', 'prosecutor')
  @ApiOperation({
    summary: 'List TGD requests',
    description:
      'Requests of your jurisdictions, by status, each with the level and red flags of the assessment it rests on and the TGD conditions (CPP art. 41-3-1). With status=pending it is the prosecutor’s queue.',
  })
  @ApiOkResponse({
    type: TgdRequestPageDto,
    description: 'Pending first, then the most dangerous level, then the oldest filed.',
  })
  listRequests(@CurrentActor() actor: Actor, @Query() query: TgdRequestQueryDto) {
    return this.requests.listRequests(actor, query);
  }

  @Get('tgd-requests/count')
  @Roles('coordinator', 'prosecutor')
  @ApiOperation({
    summary: 'Count TGD requests',
    description:
      'How many requests of your jurisdictions the filters select: with status=pending, what awaits a decision (the console’s count). A number only: no request is read.',
  })
  @ApiOkResponse({ type: TgdRequestCountDto })
  async countRequests(
    @CurrentActor() actor: Actor,
    @Query() filter: TgdRequestFilterDto,
  ): Promise<TgdRequestCountDto> {
    return { total: await this.requests.countRequests(actor, filter) };
  }

  @Sse('tgd-requests/stream')
  @Roles('coordinator', 'prosecutor')
  @ApiOperation({
    summary: 'Follow TGD requests live',
    description:
      'Server-Sent Events of every TGD request filed or decided in your jurisdictions, resumable from the last event id: the console counts what awaits a decision without polling. Ids, the case reference and the status only.',
  })
  @ApiLiveFeed(
    'tgd-request.filed (a coordinator asked for a TGD), tgd-request.decided (the prosecutor approved or rejected it)',
  )
  streamRequests(
    @CurrentActor() actor: Actor,
    @LastEventId() lastEventId?: string,
  ): Observable<MessageEvent> {
    return liveEvents(actor, this.feed.stream(actor, lastEventId));
  }

  @Get('tgd-requests/:id')
  @Roles('coordinator', 'prosecutor')
  @ApiOperation({
    summary: 'Read a TGD request',
    description: 'The request, its note and its decision.',
  })
  @ApiProblems({ 404: ['not-found'] })
  @ApiOkResponse({ type: TgdRequestDto })
  getRequest(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.requests.getRequest(actor, id);
  }

  @Post('tgd-requests/:id/decision')
  @HttpCode(200)
  @Roles('prosecutor')
  @ApiOperation({
    summary: 'Decide on a TGD request',
    description: 'The prosecutor approves or rejects, with grounds; a decision is final.',
  })
  @ApiProblems(BODY_PROBLEMS, { 404: ['not-found'], 409: ['tgd-request.already-decided'] })
  @ApiOkResponse({
    type: TgdRequestDto,
    description: 'Approval opens the allocation (six months by default).',
  })
  decide(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: TgdDecisionDto) {
    return this.requests.decide(actor, id, body);
  }

  @Get('allocations')
  @Roles('coordinator', 'prosecutor')
  @ApiOperation({
    summary: 'List allocations',
    description:
      'Grave Danger Phone allocations of your jurisdictions, by status; with endingBefore, the renewals coming due.',
  })
  @ApiOkResponse({ type: AllocationPageDto, description: 'Soonest end first.' })
  listAllocations(
    @CurrentActor() actor: Actor,
    @Query() query: AllocationQueryDto,
  ): Promise<AllocationPageDto> {
    return this.allocations.listAllocations(actor, query);
  }

  @Get('allocations/:id')
  @Roles('coordinator', 'prosecutor')
  @ApiOperation({
    summary: 'Read an allocation',
    description: 'The allocation with its device, hand-overs and history.',
  })
  @ApiProblems({ 404: ['not-found'] })
  @ApiOkResponse({ type: AllocationDto })
  getAllocation(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<AllocationDto> {
    return this.allocations.getAllocation(actor, id);
  }

  @Post('allocations/:id/renewal')
  @HttpCode(200)
  @Roles('prosecutor')
  @ApiOperation({
    summary: 'Renew an allocation',
    description: 'The prosecutor extends an active allocation before its end, with grounds.',
  })
  @ApiProblems(BODY_PROBLEMS, {
    404: ['not-found'],
    409: ['allocation.ended', 'allocation.period-over'],
  })
  @ApiOkResponse({
    type: AllocationDto,
    description: 'Extended from its current end (six months by default).',
  })
  renew(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: RenewalDto,
  ): Promise<AllocationDto> {
    return this.allocations.renew(actor, id, body);
  }

  @Post('allocations/:id/end')
  @HttpCode(200)
  @Roles('prosecutor')
  @ApiOperation({
    summary: 'End an allocation',
    description:
      'The prosecutor ends the allocation before its term; the case is no longer enrolled.',
  })
  @ApiProblems(BODY_PROBLEMS, { 404: ['not-found'], 409: ['allocation.ended'] })
  @ApiOkResponse({
    type: AllocationDto,
    description: 'Ended early, with its reason; the device is then returned.',
  })
  end(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: EndAllocationDto,
  ): Promise<AllocationDto> {
    return this.allocations.end(actor, id, body);
  }

  @Post('allocations/:id/device')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({
    summary: 'Hand over a device',
    description:
      "Assigns an available device of the allocation's court to the victim (400 when it is not in your stock).",
  })
  @ApiProblems(BODY_PROBLEMS, {
    404: ['not-found'],
    409: [
      'allocation.ended',
      'device.other-stock',
      'device.unavailable',
      'device.already-handed-over',
    ],
  })
  @ApiOkResponse({
    type: AllocationDto,
    description: 'An available device of the court handed over.',
  })
  assign(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: AssignDeviceDto,
  ): Promise<AllocationDto> {
    return this.allocations.assignDevice(actor, id, body);
  }

  @Post('allocations/:id/device/swap')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({
    summary: 'Swap the device',
    description: 'Takes back the device in hand, in the condition given, and hands over another.',
  })
  @ApiProblems(BODY_PROBLEMS, {
    404: ['not-found'],
    409: [
      'allocation.ended',
      'device.none-held',
      'device.other-stock',
      'device.unavailable',
      'device.already-handed-over',
    ],
  })
  @ApiOkResponse({ type: AllocationDto, description: 'The device in hand replaced by another.' })
  swap(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: SwapDeviceDto,
  ): Promise<AllocationDto> {
    return this.allocations.swapDevice(actor, id, body);
  }

  @Post('allocations/:id/device/return')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({
    summary: 'Take back the device',
    description:
      'The device handed back, during the allocation or after its end; its condition sets its next status.',
  })
  @ApiProblems(BODY_PROBLEMS, { 404: ['not-found'], 409: ['device.none-held'] })
  @ApiOkResponse({ type: AllocationDto, description: 'The device handed back.' })
  giveBack(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: ReturnDeviceDto,
  ): Promise<AllocationDto> {
    return this.allocations.returnDevice(actor, id, body);
  }
}
