import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/decorators';
import { ApiProblems, BODY_PROBLEMS, ProblemMap } from '../common/api-problems';
import { UuidParam } from '../common/uuid-param';
import {
  AllocateDto,
  CancelHousingRequestDto,
  CreateHousingRequestDto,
  CreatePlaceDto,
  HousingRequestDto,
  HousingRequestPageDto,
  HousingRequestQueryDto,
  HousingStatisticsDto,
  HousingStatisticsQueryDto,
  PlaceDto,
  PlacePageDto,
  PlaceQueryDto,
  ReleaseDto,
  UpdatePlaceDto,
} from './dto/housing.dto';
import { HousingPlacesService } from './housing-places.service';
import { HousingRequestsService } from './housing-requests.service';
import { HousingStatisticsService } from './housing-statistics.service';

const PARTNER_FORBIDDEN: ProblemMap = {
  403: [['forbidden', 'your partner organisation is not an active member of a network']],
};

/** Emergency housing (issue #17): places, requests, the waiting list and the nights used. */
@ApiTags('housing')
@Controller()
export class HousingController {
  constructor(
    private readonly places: HousingPlacesService,
    private readonly requests: HousingRequestsService,
    private readonly statistics: HousingStatisticsService,
  ) {}

  @Post('housing/places')
  @Roles('admin', 'partner')
  @ApiOperation({
    summary: 'Add an emergency housing place',
    description:
      "An emergency flat, rooms under a hotel agreement or a shelter, managed by a housing partner of a network (its services include emergency_housing). An admin of the place's jurisdiction names the partner; a partner's staff add their own organisation's places. The address is sealed at rest. Audited.",
  })
  @ApiCreatedResponse({ type: PlaceDto })
  @ApiProblems(BODY_PROBLEMS, PARTNER_FORBIDDEN)
  createPlace(@CurrentActor() actor: Actor, @Body() body: CreatePlaceDto): Promise<PlaceDto> {
    return this.places.create(actor, body);
  }

  @Get('housing/places')
  @Roles('coordinator', 'admin', 'partner')
  @ApiOperation({
    summary: 'Emergency housing places',
    description:
      "Places of your jurisdictions (a partner: of its network), open ones first, with tonight's occupancy and this year's nights. The address only to the managing partner and admins. Each place's read is audited.",
  })
  @ApiOkResponse({ type: PlacePageDto })
  @ApiProblems(PARTNER_FORBIDDEN)
  listPlaces(@CurrentActor() actor: Actor, @Query() query: PlaceQueryDto): Promise<PlacePageDto> {
    return this.places.list(actor, query);
  }

  @Get('housing/places/:id')
  @Roles('coordinator', 'admin', 'partner')
  @ApiOperation({ summary: 'One emergency housing place', description: 'Read and audited.' })
  @ApiOkResponse({ type: PlaceDto })
  @ApiProblems(PARTNER_FORBIDDEN, { 404: ['not-found'] })
  getPlace(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<PlaceDto> {
    return this.places.get(actor, id);
  }

  @Patch('housing/places/:id')
  @Roles('admin', 'partner')
  @ApiOperation({
    summary: 'Change an emergency housing place',
    description:
      'By its managing partner or an admin of its jurisdiction: capacity, nights per year, address, open or closed to allocations. Stays already allocated are kept. Audited.',
  })
  @ApiOkResponse({ type: PlaceDto })
  @ApiProblems(BODY_PROBLEMS, PARTNER_FORBIDDEN, { 404: ['not-found'] })
  updatePlace(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: UpdatePlaceDto,
  ): Promise<PlaceDto> {
    return this.places.update(actor, id, body);
  }

  @Post('cases/:caseId/housing-requests')
  @Roles('coordinator')
  @ApiOperation({
    summary: 'Request an emergency place for the victim',
    description:
      "For the victim of the case and her children, from a date, for some nights, with its urgency. It goes on the waiting list of the networks covering the case's jurisdiction; their housing partners see her first name, the children, the dates, the needs and your contact, nothing else of the case. Audited.",
  })
  @ApiCreatedResponse({ type: HousingRequestDto })
  @ApiProblems(BODY_PROBLEMS, {
    404: ['not-found'],
    409: ['case.closed', 'housing-request.no-network'],
  })
  createRequest(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @Body() body: CreateHousingRequestDto,
  ): Promise<HousingRequestDto> {
    return this.requests.create(actor, caseId, body);
  }

  @Get('cases/:caseId/housing-requests')
  @Roles('coordinator')
  @ApiOperation({
    summary: "The case's housing requests",
    description: 'The newest first (status=waiting: the most urgent first). Each read audited.',
  })
  @ApiOkResponse({ type: HousingRequestPageDto })
  @ApiProblems({ 404: ['not-found'] })
  listForCase(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @Query() query: HousingRequestQueryDto,
  ): Promise<HousingRequestPageDto> {
    return this.requests.listForCase(actor, caseId, query);
  }

  @Get('housing-requests')
  @Roles('coordinator', 'partner')
  @ApiOperation({
    summary: 'Housing requests and the waiting list',
    description:
      "status=waiting is the waiting list: the most urgent then the oldest first; networkId narrows it to one network's jurisdictions. A coordinator sees the requests of their jurisdictions; a partner the waiting requests of its network and those housed on its places, without the case. Each read audited.",
  })
  @ApiOkResponse({ type: HousingRequestPageDto })
  @ApiProblems(PARTNER_FORBIDDEN)
  listRequests(
    @CurrentActor() actor: Actor,
    @Query() query: HousingRequestQueryDto,
  ): Promise<HousingRequestPageDto> {
    return this.requests.list(actor, query);
  }

  @Get('housing-requests/:id')
  @Roles('coordinator', 'partner')
  @ApiOperation({ summary: 'One housing request', description: 'Read and audited.' })
  @ApiOkResponse({ type: HousingRequestDto })
  @ApiProblems(PARTNER_FORBIDDEN, { 404: ['not-found'] })
  getRequest(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
  ): Promise<HousingRequestDto> {
    return this.requests.get(actor, id);
  }

  @Post('housing-requests/:id/allocation')
  @HttpCode(200)
  @Roles('partner')
  @ApiOperation({
    summary: 'House a waiting request on one of your places',
    description:
      'By the housing partner managing the place, for the nights requested unless others are given. Never over capacity on any of those nights (the place is locked while checked, so two allocations racing are checked one after the other), nor beyond a hotel agreement’s nights of the year. Audited.',
  })
  @ApiOkResponse({ type: HousingRequestDto })
  @ApiProblems(BODY_PROBLEMS, PARTNER_FORBIDDEN, {
    404: ['not-found'],
    409: [
      'housing-request.not-waiting',
      'housing-place.inactive',
      'housing-place.full',
      'housing-place.nights-exhausted',
    ],
  })
  allocate(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: AllocateDto,
  ): Promise<HousingRequestDto> {
    return this.requests.allocate(actor, id, body);
  }

  @Post('housing-requests/:id/release')
  @HttpCode(200)
  @Roles('partner')
  @ApiOperation({
    summary: 'Release the place',
    description:
      'She has left: the nights used are counted from the first night to the morning given (today by default), and the place is free again from then. Audited.',
  })
  @ApiOkResponse({ type: HousingRequestDto })
  @ApiProblems(BODY_PROBLEMS, PARTNER_FORBIDDEN, {
    404: ['not-found'],
    409: ['housing-request.not-allocated'],
  })
  release(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: ReleaseDto,
  ): Promise<HousingRequestDto> {
    return this.requests.release(actor, id, body);
  }

  @Post('housing-requests/:id/cancel')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({
    summary: 'Cancel a waiting request',
    description: 'Taken off the waiting list, with a reason kept sealed. Audited.',
  })
  @ApiOkResponse({ type: HousingRequestDto })
  @ApiProblems(BODY_PROBLEMS, { 404: ['not-found'], 409: ['housing-request.not-waiting'] })
  cancel(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: CancelHousingRequestDto,
  ): Promise<HousingRequestDto> {
    return this.requests.cancel(actor, id, body);
  }

  @Get('housing/statistics')
  @Roles('coordinator', 'admin', 'partner')
  @ApiOperation({
    summary: 'Nights used per place and month',
    description:
      "Over the months from..to (at most 36), per place of your jurisdictions (a partner: its own places): nights used, released stays up to their release and stays in progress up to tonight; tonight's occupancy; the waiting list's length. Counts only.",
  })
  @ApiOkResponse({ type: HousingStatisticsDto })
  @ApiProblems(PARTNER_FORBIDDEN)
  statisticsOf(
    @CurrentActor() actor: Actor,
    @Query() query: HousingStatisticsQueryDto,
  ): Promise<HousingStatisticsDto> {
    return this.statistics.nights(actor, query);
  }
}
