import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/decorators';
import { ApiProblems, BODY_PROBLEMS } from '../common/api-problems';
import { UuidParam } from '../common/uuid-param';
import {
  ResolveTechnicalAlertDto,
  TechnicalAlertDto,
  TechnicalAlertPageDto,
  TechnicalAlertQueryDto,
} from './dto/technical-alert.dto';
import { SupervisionService } from './supervision.service';

const WATCHERS = ['operator', 'coordinator', 'admin'] as const;
const HANDLERS = ['operator', 'coordinator'] as const;

/** The technical queue: faults of devices in victims' hands, apart from distress alarms. */
@ApiTags('technical-alerts')
@Controller('technical-alerts')
export class SupervisionController {
  constructor(private readonly supervision: SupervisionService) {}

  @Get()
  @Roles(...WATCHERS)
  @ApiOperation({
    summary: 'The technical queue',
    description:
      'Technical alerts of your jurisdictions (silent device, low battery, power off, failed or missed test): unresolved first, the oldest on top. Never distress: those are alarms.',
  })
  @ApiOkResponse({ type: TechnicalAlertPageDto })
  list(
    @CurrentActor() actor: Actor,
    @Query() query: TechnicalAlertQueryDto,
  ): Promise<TechnicalAlertPageDto> {
    return this.supervision.list(actor, query);
  }

  @Get(':id')
  @Roles(...WATCHERS)
  @ApiOperation({ summary: 'One technical alert', description: 'Read and audited.' })
  @ApiOkResponse({ type: TechnicalAlertDto })
  @ApiProblems({ 404: ['not-found'] })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<TechnicalAlertDto> {
    return this.supervision.get(actor, id);
  }

  @Post(':id/ack')
  @HttpCode(200)
  @Roles(...HANDLERS)
  @ApiOperation({
    summary: 'Acknowledge a technical alert',
    description: 'Someone is on it: its escalation stops.',
  })
  @ApiOkResponse({ type: TechnicalAlertDto })
  @ApiProblems({
    404: ['not-found'],
    409: ['technical-alert.already-acknowledged', 'technical-alert.resolved'],
  })
  acknowledge(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
  ): Promise<TechnicalAlertDto> {
    return this.supervision.acknowledge(actor, id);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @Roles(...HANDLERS)
  @ApiOperation({
    summary: 'Resolve a technical alert',
    description:
      'With what was done. A device the victim cannot keep is swapped through its allocation (POST /api/v1/allocations/{id}/device/swap), which resolves its alerts by itself.',
  })
  @ApiOkResponse({ type: TechnicalAlertDto })
  @ApiProblems(BODY_PROBLEMS, { 404: ['not-found'], 409: ['technical-alert.resolved'] })
  resolve(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: ResolveTechnicalAlertDto,
  ): Promise<TechnicalAlertDto> {
    return this.supervision.resolve(actor, id, body);
  }
}
