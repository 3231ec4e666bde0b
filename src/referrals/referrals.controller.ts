import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/decorators';
import { ApiProblems, BODY_PROBLEMS } from '../common/api-problems';
import { UuidParam } from '../common/uuid-param';
import {
  AppointmentDto,
  CreateReferralDto,
  DeclineReferralDto,
  OutcomeDto,
  ReferralDto,
  ReferralPageDto,
  ReferralQueryDto,
} from './dto/referral.dto';
import { ReferralsService } from './referrals.service';

const ENDED: ['referral.ended', string] = [
  'referral.ended',
  'the referral was declined, is closed, or ended when the victim withdrew her consent or the case was closed before an answer',
];

/** Referrals of a case to partner organisations, with the victim's consent (issue #17). */
@ApiTags('referrals')
@Controller()
export class ReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  @Post('cases/:caseId/referrals')
  @Roles('coordinator')
  @ApiOperation({
    summary: 'Refer the case to a partner organisation',
    description:
      "For one service the partner offers, in a network covering the case's jurisdiction, once the victim's consent to share with THAT partner is recorded and in force. Only what is ticked is shared (the victim's first name, her phone), with the coordinator's contact and a note; never the assessment, the author or the rest of the case. Announces `referral.sent`, which plans the follow-up obligation (`referral_follow_up`, 5 working days).",
  })
  @ApiCreatedResponse({ type: ReferralDto })
  @ApiProblems(BODY_PROBLEMS, {
    404: ['not-found'],
    409: ['referral.consent-missing', 'referral.partner-ineligible', 'case.closed'],
  })
  refer(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @Body() body: CreateReferralDto,
  ): Promise<ReferralDto> {
    return this.referrals.refer(actor, caseId, body);
  }

  @Get('cases/:caseId/referrals')
  @Roles('coordinator')
  @ApiOperation({
    summary: "The case's referrals",
    description: 'Where each referral of the case stands, the latest first, with its history.',
  })
  @ApiOkResponse({ type: [ReferralDto] })
  @ApiProblems({ 404: ['not-found'] })
  ofCase(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
  ): Promise<ReferralDto[]> {
    return this.referrals.ofCase(actor, caseId);
  }

  @Get('referrals')
  @Roles('partner')
  @ApiOperation({
    summary: "The partner organisation's referrals",
    description:
      "What was referred to your organisation (your token names it): open ones first, then the latest. Referrals ended by a withdrawn consent are no longer listed; one ended by the case's closure before your answer is (`case_closed`): no answer is awaited.",
  })
  @ApiOkResponse({ type: ReferralPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: ReferralQueryDto): Promise<ReferralPageDto> {
    return this.referrals.inbox(actor, query);
  }

  @Get('referrals/:id')
  @Roles('partner', 'coordinator')
  @ApiOperation({
    summary: 'One referral',
    description:
      "A partner reads its organisation's referrals only; another organisation's, or one ended by the victim's withdrawn consent, answers 404. Audited.",
  })
  @ApiOkResponse({ type: ReferralDto })
  @ApiProblems({ 404: ['not-found'] })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<ReferralDto> {
    return this.referrals.get(actor, id);
  }

  @Post('referrals/:id/accept')
  @HttpCode(200)
  @Roles('partner')
  @ApiOperation({
    summary: 'Accept a referral',
    description: 'Announces `referral.answered`, which completes the follow-up obligation.',
  })
  @ApiOkResponse({ type: ReferralDto })
  @ApiProblems({ 404: ['not-found'], 409: ['referral.already-answered', ENDED] })
  accept(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<ReferralDto> {
    return this.referrals.accept(actor, id);
  }

  @Post('referrals/:id/decline')
  @HttpCode(200)
  @Roles('partner')
  @ApiOperation({
    summary: 'Decline a referral',
    description:
      'With a reason for the coordinator. Announces `referral.answered`, which completes the follow-up obligation.',
  })
  @ApiOkResponse({ type: ReferralDto })
  @ApiProblems(BODY_PROBLEMS, { 404: ['not-found'], 409: ['referral.already-answered', ENDED] })
  decline(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: DeclineReferralDto,
  ): Promise<ReferralDto> {
    return this.referrals.decline(actor, id, body.reason);
  }

  @Post('referrals/:id/appointments')
  @HttpCode(200)
  @Roles('partner')
  @ApiOperation({
    summary: 'Record an appointment',
    description: 'Its date, kind, and whether the victim came (null while it is to come).',
  })
  @ApiOkResponse({ type: ReferralDto })
  @ApiProblems(BODY_PROBLEMS, { 404: ['not-found'], 409: ['referral.not-accepted', ENDED] })
  appointment(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: AppointmentDto,
  ): Promise<ReferralDto> {
    return this.referrals.appointment(actor, id, body);
  }

  @Post('referrals/:id/outcome')
  @HttpCode(200)
  @Roles('partner')
  @ApiOperation({
    summary: 'Record the outcome',
    description: 'Closes the referral: nothing more is recorded in it.',
  })
  @ApiOkResponse({ type: ReferralDto })
  @ApiProblems(BODY_PROBLEMS, { 404: ['not-found'], 409: ['referral.not-accepted', ENDED] })
  outcome(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: OutcomeDto,
  ): Promise<ReferralDto> {
    return this.referrals.outcome(actor, id, body);
  }
}
