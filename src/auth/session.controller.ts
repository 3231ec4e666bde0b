import { Body, Controller, Get, HttpCode, Inject, Logger, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { ApiProblems, BODY_PROBLEMS, INPUT_PROBLEMS } from '../common/api-problems';
import { ForbiddenProblem, ValidationProblem } from '../common/problems';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Actor, Role } from './actor';
import { CurrentActor, Public, Roles } from './decorators';
import { DevTokenDto, DevTokenRequestDto, SessionDto, STAFF_ROLES } from './dto/session.dto';
import { signDevToken } from './token-verifier';

/** A development sign-in lasts a working day. */
const DEV_TOKEN_SECONDS = 8 * 3600;

@ApiTags('session')
@Controller('session')
export class SessionController {
  private readonly logger = new Logger(SessionController.name);

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get()
  @Roles(...STAFF_ROLES, 'gateway', 'partner')
  @ApiOperation({
    summary: 'Who is signed in',
    description:
      'The subject, roles and jurisdictions the service reads from your token, and a partner user’s organisation.',
  })
  @ApiOkResponse({ type: SessionDto })
  session(@CurrentActor() actor: Actor): SessionDto {
    return {
      subject: actor.subject,
      roles: [...actor.roles],
      jurisdictions: [...actor.jurisdictions],
      partnerOrganisationId: actor.partnerOrganisationId ?? null,
    };
  }

  @Post('dev-token')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Development sign-in',
    description:
      'Mints a token for the chosen roles and jurisdictions, signed with the development secret. On only with the built-in development secret, or with CONSOLE_DEV_SIGNIN=true; refused (403) when NODE_ENV=production or when an OIDC provider is configured (AUTH_JWKS_URL). Each token minted is logged.',
  })
  @ApiOkResponse({ type: DevTokenDto })
  @ApiProblems(INPUT_PROBLEMS, BODY_PROBLEMS, {
    403: [
      ['forbidden', 'development sign-in is off (production, an OIDC provider, or own secret)'],
    ],
  })
  async devToken(@Body() body: DevTokenRequestDto): Promise<DevTokenDto> {
    if (!this.config.console.devSignIn)
      throw new ForbiddenProblem(
        'Development sign-in is disabled (production, an OIDC provider, or a secret of your own without CONSOLE_DEV_SIGNIN=true).',
      );
    const partner = body.roles.includes('partner');
    if (partner && body.roles.length > 1)
      throw ValidationProblem.field(
        'roles',
        'partner is a role of its own: no staff role beside it',
      );
    if (partner !== Boolean(body.partnerOrganisationId))
      throw ValidationProblem.field(
        'partnerOrganisationId',
        partner
          ? 'the partner role needs the organisation id (e.g. cidff-82)'
          : 'only the partner role carries an organisation id',
      );
    // Who minted what: a development token is a key to every case of its jurisdictions.
    this.logger.warn(
      `development token minted for ${body.subject}: ${body.roles.join(', ')} in ${body.jurisdictions.join(', ')}${body.partnerOrganisationId ? ` for ${body.partnerOrganisationId}` : ''}`,
    );
    const accessToken = await signDevToken(this.config, {
      subject: body.subject,
      roles: body.roles as Role[],
      jurisdictions: body.jurisdictions,
      ttlSeconds: DEV_TOKEN_SECONDS,
      name: body.name,
      partnerOrganisationId: body.partnerOrganisationId,
    });
    return {
      accessToken,
      expiresAt: new Date(Date.now() + DEV_TOKEN_SECONDS * 1000).toISOString(),
    };
  }
}
