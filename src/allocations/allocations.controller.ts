import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';

import { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/decorators';
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
  TgdRequestDto,
  TgdRequestPageDto,
  TgdRequestQueryDto,
} from './dto/allocation.dto';
import { TgdRequestsService } from './tgd-requests.service';

@ApiTags('tgd')
@Controller()
export class AllocationsController {
  constructor(
    private readonly requests: TgdRequestsService,
    private readonly allocations: AllocationsService,
  ) {}

  @Post('cases/:caseId/tgd-requests')
  @Roles('coordinator')
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
  @ApiOkResponse({ type: [TgdRequestDto] })
  requestsOfCase(@CurrentActor() actor: Actor, @UuidParam('caseId') caseId: string) {
    return this.requests.requestsOfCase(actor, caseId);
  }

  @Get('tgd-requests')
  @Roles('coordinator', 'prosecutor')
  @ApiOkResponse({
    type: TgdRequestPageDto,
    description: 'Oldest first: the prosecutor’s worklist with status=pending.',
  })
  listRequests(@CurrentActor() actor: Actor, @Query() query: TgdRequestQueryDto) {
    return this.requests.listRequests(actor, query);
  }

  @Get('tgd-requests/:id')
  @Roles('coordinator', 'prosecutor')
  @ApiOkResponse({ type: TgdRequestDto })
  getRequest(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.requests.getRequest(actor, id);
  }

  @Post('tgd-requests/:id/decision')
  @HttpCode(200)
  @Roles('prosecutor')
  @ApiOkResponse({
    type: TgdRequestDto,
    description: 'Approval opens the allocation (six months by default).',
  })
  decide(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: TgdDecisionDto) {
    return this.requests.decide(actor, id, body);
  }

  @Get('allocations')
  @Roles('coordinator', 'prosecutor')
  @ApiOkResponse({ type: AllocationPageDto, description: 'Soonest end first.' })
  listAllocations(
    @CurrentActor() actor: Actor,
    @Query() query: AllocationQueryDto,
  ): Promise<AllocationPageDto> {
    return this.allocations.listAllocations(actor, query);
  }

  @Get('allocations/:id')
  @Roles('coordinator', 'prosecutor')
  @ApiOkResponse({ type: AllocationDto })
  getAllocation(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<AllocationDto> {
    return this.allocations.getAllocation(actor, id);
  }

  @Post('allocations/:id/renewal')
  @HttpCode(200)
  @Roles('prosecutor')
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
  @ApiOkResponse({ type: AllocationDto, description: 'The device handed back.' })
  giveBack(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: ReturnDeviceDto,
  ): Promise<AllocationDto> {
    return this.allocations.returnDevice(actor, id, body);
  }
}
