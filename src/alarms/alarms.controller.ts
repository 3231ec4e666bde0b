import {
  Body,
  Controller,
  Get,
  HttpCode,
  MessageEvent,
  Post,
  Query,
  Res,
  Sse,
} from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Observable } from 'rxjs';

import { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/decorators';
import { ApiProblems, BODY_PROBLEMS } from '../common/api-problems';
import { AcceptsAnyBody } from '../common/input-guard.interceptor';
import { ApiLiveFeed, LastEventId, liveEvents } from '../common/live/sse';
import { UuidParam } from '../common/uuid-param';
import { AlarmFeed } from './alarm-feed';
import { AlarmsService } from './alarms.service';
import {
  AlarmDto,
  AlarmPageDto,
  AlarmQueryDto,
  CallBackDto,
  DeviceEventAnswerDto,
  DeviceEventDto,
  PoliceCallDto,
  ResolveAlarmDto,
} from './dto/alarm.dto';
import { IngestionService } from './ingestion.service';

@ApiTags('alarms')
@Controller()
export class AlarmsController {
  constructor(
    private readonly ingestion: IngestionService,
    private readonly alarms: AlarmsService,
    private readonly feed: AlarmFeed,
  ) {}

  @Post('device-events')
  @Roles('gateway')
  @ApiOperation({
    summary: 'Post a device event',
    description:
      "A gateway forwards what a Grave Danger Phone sent: a distress opens the allocation's alarm (or joins the one still open) and pages the operators; location, battery and test events are stored.",
  })
  @ApiProblems(BODY_PROBLEMS, {
    400: [
      [
        'validation-error',
        'a malformed distress gets it too, and is kept as a fault (`recorded: true`)',
      ],
    ],
    422: ['unknown-device', 'no-active-allocation'],
  })
  @AcceptsAnyBody()
  @ApiBody({ type: DeviceEventDto })
  @ApiCreatedResponse({
    type: DeviceEventAnswerDto,
    description:
      'Stored before this answer. The same eventId again gets the same answer. A distress that cannot be placed is stored too and answered 4xx.',
  })
  async ingest(
    @CurrentActor() gateway: Actor,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Record<string, unknown>> {
    const answer = await this.ingestion.ingest(gateway, body);
    res.status(answer.status);
    if (answer.status >= 400) res.type('application/problem+json');
    return answer.body;
  }

  @Get('alarms')
  @Roles('operator')
  @ApiOperation({
    summary: 'List alarms',
    description: 'Alarms of your jurisdictions, by status or jurisdiction.',
  })
  @ApiOkResponse({
    type: AlarmPageDto,
    description: 'Alarms of your jurisdictions, newest first, with their safety file.',
  })
  list(@CurrentActor() actor: Actor, @Query() query: AlarmQueryDto): Promise<AlarmPageDto> {
    return this.alarms.list(actor, query);
  }

  @Sse('alarms/stream')
  @Roles('operator')
  @ApiOperation({
    summary: 'Follow alarms live',
    description:
      'Server-Sent Events of every alarm change in your jurisdictions, resumable from the last event id.',
  })
  @ApiLiveFeed(
    'alarm.opened, alarm.reopened (a press after an acknowledgement), alarm.distress, alarm.location, alarm.escalated, alarm.acknowledged, alarm.called_back, alarm.police, alarm.resolved',
  )
  stream(
    @CurrentActor() actor: Actor,
    @LastEventId() lastEventId?: string,
  ): Observable<MessageEvent> {
    return liveEvents(actor, this.feed.stream(actor, lastEventId));
  }

  @Get('alarms/:id')
  @Roles('operator')
  @ApiOperation({
    summary: 'Read an alarm',
    description:
      "The alarm with its track, notes and the victim's safety file; the read is audited.",
  })
  @ApiProblems({ 404: ['not-found'] })
  @ApiOkResponse({ type: AlarmDto })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<AlarmDto> {
    return this.alarms.get(actor, id);
  }

  @Post('alarms/:id/ack')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({
    summary: 'Acknowledge an alarm',
    description:
      'You take the alarm: escalation and pending pushes stop. A press after it reopens the alarm.',
  })
  @ApiProblems({ 404: ['not-found'], 409: ['alarm.already-acknowledged', 'alarm.resolved'] })
  @ApiOkResponse({
    type: AlarmDto,
    description: 'Acknowledged: escalation and pending pushes stop.',
  })
  acknowledge(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<AlarmDto> {
    return this.alarms.acknowledge(actor, id);
  }

  @Post('alarms/:id/call-back')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({
    summary: 'Record a call-back to the victim',
    description:
      "The call that clears the doubt (levée de doute): answered or not, what was heard. A timed step of the alarm's timeline, seen by every operator at once.",
  })
  @ApiOkResponse({ type: AlarmDto })
  @ApiProblems(BODY_PROBLEMS, { 404: ['not-found'], 409: ['alarm.resolved'] })
  callBack(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: CallBackDto,
  ): Promise<AlarmDto> {
    return this.alarms.callBack(actor, id, body);
  }

  @Post('alarms/:id/police')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({
    summary: 'Record a police contact',
    description:
      "Each contact with the police, timed, with a note and the police's reference; the first one is the alarm's police call-out time (acknowledgement → police in the statistics).",
  })
  @ApiProblems(BODY_PROBLEMS, { 404: ['not-found'], 409: ['alarm.resolved'] })
  @ApiOkResponse({ type: AlarmDto, description: 'Police call-out recorded.' })
  police(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: PoliceCallDto,
  ): Promise<AlarmDto> {
    return this.alarms.callPolice(actor, id, body);
  }

  @Post('alarms/:id/resolve')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({
    summary: 'Resolve an alarm',
    description:
      'Closes the alarm with its outcome (intervention, false alarm, test, technical, other).',
  })
  @ApiProblems(BODY_PROBLEMS, { 404: ['not-found'], 409: ['alarm.resolved'] })
  @ApiOkResponse({ type: AlarmDto })
  resolve(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: ResolveAlarmDto,
  ): Promise<AlarmDto> {
    return this.alarms.resolve(actor, id, body);
  }

  @Post('alarms/:id/keep-track')
  @HttpCode(200)
  @Roles('prosecutor')
  @ApiOperation({
    summary: 'Keep the track 8 days',
    description:
      "The prosecutor's authorisation to keep the alarm's positions 8 days from their recording instead of 3 (arrêté of 22 April 2015 on the TGD, art. 5), audited. Positions already erased stay erased; the device's return still ends them 3 days later.",
  })
  @ApiOkResponse({ type: AlarmDto })
  @ApiProblems({ 404: ['not-found'] })
  keepTrack(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<AlarmDto> {
    return this.alarms.keepTrack(actor, id);
  }
}
